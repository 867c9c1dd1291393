package org.hotline12333.cases;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One class of the classification tree.
 *
 * @param code       6 digits: major "NN0000", medium "NNMM00", minor "NNMMPP"
 * @param parentCode the class it belongs to; null for a major class
 * @param path       the names from the major class down to this one, e.g. "社会保险 / 养老保险 / 参保登记与缴费"
 */
public record Classification(String code, String name, Level level, String parentCode, String path) {

    /** GB/T 39666-2020's three levels. */
    public enum Level {
        /** 大类 */
        MAJOR,
        /** 中类 */
        MEDIUM,
        /** 小类: the level cases and wrap-ups carry */
        MINOR
    }

    /** Whether a case or a wrap-up may carry this code (minor classes only); shown in the API as well. */
    @JsonProperty("assignable")
    public boolean assignable() {
        return level == Level.MINOR;
    }
}
