package org.hotline12333.speech;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hotline12333.testkit.HotlineTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service with {@link SpeechModelStandIn} in place of the Vosk model (no model on this machine), quick
 * queue polling, retries and job leases, and a comfortable speech rate range that espeak-ng's normal speed falls in. Test classes
 * with this annotation share one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HotlineTest
@Import(SpeechStandInConfiguration.class)
@TestPropertySource(properties = {
        "hotline.speech.poll-interval=100ms",
        "hotline.speech.retry-delay=100ms",
        "hotline.speech.max-attempts=2",
        "hotline.speech.job-lease=2s",
        "hotline.speech.findings.min-chars-per-minute=" + SpeechTest.MIN_CHARS_PER_MINUTE,
        "hotline.speech.findings.max-chars-per-minute=" + SpeechTest.MAX_CHARS_PER_MINUTE})
@interface SpeechTest {

    /** espeak-ng cmn at its normal speed says about 140-190 characters a minute; at speed 450, well over 300. */
    int MIN_CHARS_PER_MINUTE = 100;
    int MAX_CHARS_PER_MINUTE = 260;
}
