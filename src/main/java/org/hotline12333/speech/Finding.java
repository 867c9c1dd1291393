package org.hotline12333.speech;

/**
 * Something noticed in a call's speech, with where it happened so a supervisor can jump to the moment.
 *
 * @param speaker who it is about; none for silences
 * @param start   seconds from the start of the recording
 * @param end     seconds from the start of the recording
 * @param phrase  the phrase concerned (forbidden, greeting, closing), if any
 * @param detail  what was heard or measured, for a person to read
 */
public record Finding(FindingKind kind, Speaker speaker, double start, double end, String phrase, String detail) {
}
