package org.hotline12333.recording;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hotline12333.testkit.HotlineTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service with a recordings directory of its own, in a new folder each run ({@link
 * RecordingFixture#directory()}): for tests that sweep, rebuild, expire or break the recordings they find there. Test
 * classes with this annotation share one running service; each keeps to the recordings it makes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HotlineTest
@TestPropertySource(properties = {
        "hotline.test.recordings-directory=${java.io.tmpdir}/hotline-recordings-test-${random.uuid}",
        "hotline.recordings.recorded-scripts=scripted", "hotline.recordings.retention-period=30d"})
@interface OwnRecordingsTest {
}
