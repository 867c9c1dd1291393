package org.hotline12333.cases;

import java.util.List;

/** The whole tree as the centre's file has it, in the file's order. */
public record ClassificationTree(String standard, String branch, List<Node> classes) {

    public record Node(String code, String name, Classification.Level level, List<Node> classes) {
    }
}
