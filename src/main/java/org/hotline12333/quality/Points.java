package org.hotline12333.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points as the scorecard counts them: two decimals, rounded half up. */
final class Points {

    static final int SCALE = 2;

    private Points() {
    }

    /** What a rating gives: weight × rating / scale. */
    static BigDecimal of(BigDecimal weight, int rating, int scale) {
        return weight.multiply(BigDecimal.valueOf(rating)).divide(BigDecimal.valueOf(scale), SCALE, RoundingMode.HALF_UP);
    }

    /** Without trailing zeros and never in exponent form: 10.00 → 10, 2.50 → 2.5. */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
