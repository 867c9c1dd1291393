/**
 * Recording every call from answer to hang-up, and never losing a recording: lifecycle, sidecars per
 * recordings-schema/, integrity sweeps, index rebuild, retention, and audited access.
 */
package org.hotline12333.recording;
