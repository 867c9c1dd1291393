package org.hotline12333.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowIdsTest {

    @Test
    void idsMadeOneAfterAnotherSortInTheOrderTheyWereMadeAsTheDatabaseComparesThem() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(RowIds.next());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(made).allSatisfy(id -> {
            assertThat(id).hasSize(36);
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
        });
    }
}
