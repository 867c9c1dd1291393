package org.hotline12333.ivr;

/** One mistake in an IVR script, where an author can find it. */
public record ScriptProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
