package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InputKindTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    @Test
    void residentIdsNeedTheirCheckCharacterAndAStarStandsForX() {
        assertThat(InputKind.ID_NUMBER.accept("110101199003074258", TODAY)).contains("110101199003074258");
        assertThat(InputKind.ID_NUMBER.accept("44030419851112003*", TODAY)).contains("44030419851112003X");
        assertThat(InputKind.ID_NUMBER.accept("110101199003074257", TODAY)).as("wrong check digit").isEmpty();
        assertThat(InputKind.ID_NUMBER.accept("110101199013074258", TODAY)).as("month 13").isEmpty();
        assertThat(InputKind.ID_NUMBER.accept("11010119900307425", TODAY)).as("17 digits").isEmpty();
        String bornTomorrow = "11010120260303" + "001";
        String bornToday = "11010120260302" + "001";
        assertThat(InputKind.ID_NUMBER.accept(bornTomorrow + ResidentId.checkCharacter(bornTomorrow), TODAY))
                .as("born after today").isEmpty();
        assertThat(InputKind.ID_NUMBER.accept(bornToday + ResidentId.checkCharacter(bornToday), TODAY)).isPresent();
    }

    @Test
    void phonesPinsAndAmounts() {
        assertThat(InputKind.PHONE.accept("13800138000", TODAY)).contains("13800138000");
        assertThat(InputKind.PHONE.accept("02088886666", TODAY)).contains("02088886666");
        assertThat(InputKind.PHONE.accept("12345", TODAY)).isEmpty();
        assertThat(InputKind.PIN.accept("123456", TODAY)).contains("123456");
        assertThat(InputKind.PIN.accept("12345", TODAY)).isEmpty();
        assertThat(InputKind.AMOUNT.accept("1268*4", TODAY)).contains("1268.4");
        assertThat(InputKind.AMOUNT.accept("12*345", TODAY)).isEmpty();
    }
}
