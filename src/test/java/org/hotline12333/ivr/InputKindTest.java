package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputKindTest {

    @Test
    void residentIdsNeedTheirCheckCharacterAndAStarStandsForX() {
        assertThat(InputKind.ID_NUMBER.accept("110101199003074258")).contains("110101199003074258");
        assertThat(InputKind.ID_NUMBER.accept("44030419851112003*")).contains("44030419851112003X");
        assertThat(InputKind.ID_NUMBER.accept("110101199003074257")).as("wrong check digit").isEmpty();
        assertThat(InputKind.ID_NUMBER.accept("110101199013074258")).as("month 13").isEmpty();
        assertThat(InputKind.ID_NUMBER.accept("11010119900307425")).as("17 digits").isEmpty();
    }

    @Test
    void phonesPinsAndAmounts() {
        assertThat(InputKind.PHONE.accept("13800138000")).contains("13800138000");
        assertThat(InputKind.PHONE.accept("02088886666")).contains("02088886666");
        assertThat(InputKind.PHONE.accept("12345")).isEmpty();
        assertThat(InputKind.PIN.accept("123456")).contains("123456");
        assertThat(InputKind.PIN.accept("12345")).isEmpty();
        assertThat(InputKind.AMOUNT.accept("1268*4")).contains("1268.4");
        assertThat(InputKind.AMOUNT.accept("12*345")).isEmpty();
    }
}
