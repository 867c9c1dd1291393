package org.hotline12333.speech;

/**
 * Character error rate (CER) of a transcript against what was said: the edits (substituted, deleted or inserted
 * characters) that turn one into the other, over the characters said. Only letters and digits count: spaces and
 * punctuation are not speech.
 */
final class CharacterErrorRate {

    private CharacterErrorRate() {
    }

    static double of(String said, String heard) {
        int[] reference = speech(said);
        return reference.length == 0 ? (speech(heard).length == 0 ? 0 : 1) : (double) edits(said, heard) / reference.length;
    }

    /** The edit distance (Levenshtein) between the two, in characters of speech. */
    static int edits(String said, String heard) {
        int[] a = speech(said);
        int[] b = speech(heard);
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    static int length(String said) {
        return speech(said).length;
    }

    private static int[] speech(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).toArray();
    }
}
