package org.hotline12333.ivr;

/**
 * One mistake in a hand-edited file (an IVR script, the calendar, the cases' classification tree), where its author
 * can find it.
 */
public record ScriptProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
