/**
 * Speech: the Vosk model and a pool of recognizers, transcription of recordings, findings from transcripts, and
 * keyword recognition for the IVR.
 */
package org.hotline12333.speech;
