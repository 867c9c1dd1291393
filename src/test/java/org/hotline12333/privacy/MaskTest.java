package org.hotline12333.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void phoneNumbersKeepOnlyTheirEnds() {
        assertThat(Mask.phone("13800138000")).isEqualTo("138****8000");
        assertThat(Mask.phone("02088886666")).isEqualTo("020****6666");
        assertThat(Mask.phone("1001")).isEqualTo("****");
        assertThat(Mask.phone("12333")).isEqualTo("***33");
        assertThat(Mask.phone(null)).isNull();
    }

    @Test
    void idAndPhoneNumbersAreMaskedWhereverTheyAppearInText() {
        assertThat(Mask.inText("caller 13800138000 gave ID 110101199003074258, call back on 020-88886666"))
                .isEqualTo("caller 138****8000 gave ID 110101********4258, call back on 020-****6666");
        assertThat(Mask.inText("id 11010119900307425X")).isEqualTo("id 110101********425X");
        assertThat(Mask.inText("+8613912345678")).isEqualTo("+86139****5678");
    }

    @Test
    void otherNumbersAreLeftAlone() {
        assertThat(Mask.inText("AGI on port 4573, uniqueid 1763900000.42, agent 1001, hotline 12333"))
                .isEqualTo("AGI on port 4573, uniqueid 1763900000.42, agent 1001, hotline 12333");
        assertThat(Mask.inText("call 7977950b-3b3b-42c0-a98d-355eb1be32df")).isEqualTo("call 7977950b-3b3b-42c0-a98d-355eb1be32df");
    }

    @Test
    void callIdsWhoseDigitGroupsLookLikeALandlineStayWhole() {
        // 0729 is an area code and 1234-5678 a number written in groups: this id was once logged as 0729****-5678-...
        assertThat(Mask.inText("call 07291234-5678-4abc-9def-0123456789ab ended, caller 13800138000"))
                .isEqualTo("call 07291234-5678-4abc-9def-0123456789ab ended, caller 138****8000");
        assertThat(Mask.inText("ids 03551234-5678-1234-5678-123456789012,02088886666"))
                .isEqualTo("ids 03551234-5678-1234-5678-123456789012,020****6666");
    }

    @Test
    void oldFifteenDigitIdNumbersKeepTheirAreaAndSequence() {
        assertThat(Mask.inText("old ID 110101900307425 on file")).isEqualTo("old ID 110101******425 on file");
    }

    @Test
    void numbersWrittenInGroupsAreMaskedKeepingTheirSeparators() {
        assertThat(Mask.inText("mobile 138 0013 8000 or 138-0013-8000")).isEqualTo("mobile 138 **** 8000 or 138-****-8000");
        assertThat(Mask.inText("+86 139 1234 5678")).isEqualTo("+86 139 **** 5678");
        assertThat(Mask.inText("office 020-8888-6666, (0755) 8888 6666, 0571 8888 6666"))
                .isEqualTo("office 020-****-6666, (0755) **** 6666, 0571 **** 6666");
        assertThat(Mask.inText("ID 110101 19900307 4258")).isEqualTo("ID 110101 ******** 4258");
        assertThat(Mask.inText("ID-110101199003074258")).isEqualTo("ID-110101********4258");
    }
}
