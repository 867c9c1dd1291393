package org.hotline12333.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service with files of its own that tests change: a copy of the IVR scripts ({@link #SCRIPTS}, reloaded
 * only when a test asks) and a recordings directory in a new folder each run (calls of script {@code scripted} must
 * be recorded, recordings are kept 30 days). Test classes with this annotation share one running service; each
 * keeps to the recordings it makes and puts back the scripts it changes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HotlineTest
@Import(OwnFilesTest.Files.class)
@TestPropertySource(properties = {
        "hotline.test.recordings-directory=${java.io.tmpdir}/hotline-recordings-test-${random.uuid}",
        "hotline.recordings.recorded-scripts=scripted", "hotline.recordings.retention-period=30d",
        "hotline.ivr.reload-interval=1h"})
public @interface OwnFilesTest {

    /** The service's scripts directory: a copy of ivr-scripts/. */
    Path SCRIPTS = IvrScriptsCopy.make();

    @TestConfiguration(proxyBeanMethods = false)
    class Files {

        @Bean
        static DynamicPropertyRegistrar scriptsCopy() {
            return registry -> registry.add("hotline.ivr.scripts-directory", SCRIPTS::toString);
        }
    }
}
