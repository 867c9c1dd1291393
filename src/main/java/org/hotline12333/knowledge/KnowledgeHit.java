package org.hotline12333.knowledge;

import java.util.List;

/**
 * One article found by a search or suggested for a call: its version in force today.
 *
 * @param titleHighlight the title with the words that matched between {@code <mark>} and {@code </mark>}
 * @param snippet        the best passage of the answer, highlighted the same way (the answer's start when nothing
 *                       in it matched)
 * @param why            for a suggestion, what it was suggested for ("IVR: pension-retirement", "class 110104");
 *                       empty for a search
 */
public record KnowledgeHit(String code, int version, String title, String titleHighlight, String snippet,
                           List<String> classifications, float score, List<String> why) {
}
