package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharacterErrorRateTest {

    @Test
    void countsSubstitutedMissingAndExtraCharactersOverThoseSaid() {
        assertThat(CharacterErrorRate.of("您好，请问有什么可以帮您？", "您好 请问 有 什么 可以 帮 您")).isZero();
        assertThat(CharacterErrorRate.of("养老保险", "养老报险")).isEqualTo(0.25);
        assertThat(CharacterErrorRate.of("养老保险", "养老")).isEqualTo(0.5);
        assertThat(CharacterErrorRate.of("医保", "医保卡号")).isEqualTo(1.0);
        assertThat(CharacterErrorRate.of("不知道", "")).isEqualTo(1.0);
    }
}
