package org.hotline12333.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hotline12333.HotlineApplication;
import org.hotline12333.testkit.StandInAsterisk;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the service for tests that stop and start it, on a database the test keeps. */
final class SpeechServices {

    private SpeechServices() {
    }

    static String newDatabase() {
        return "jdbc:h2:mem:speech-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    }

    /**
     * @param arguments more {@code --name=value} arguments
     * @param beans     singletons to add (a {@link SpeechRecognizer}, e.g. {@link SpeechModelStandIn} or
     *                  {@link SharedModel#recognizer()}, becomes the recognizer)
     */
    static ConfigurableApplicationContext start(String database, List<String> arguments, Object... beans) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
                "--hotline.calls.instance-name=speech-test", "--hotline.speech.poll-interval=100ms",
                "--hotline.asterisk.nodes[0].name=" + StandInAsterisk.NODE, "--hotline.asterisk.nodes[0].host=127.0.0.1",
                "--hotline.asterisk.nodes[0].port=" + StandInAsterisk.ami().port(),
                "--hotline.asterisk.nodes[0].secret=" + StandInAsterisk.SECRET));
        all.addAll(arguments);
        SpringApplicationBuilder service = new SpringApplicationBuilder(HotlineApplication.class).profiles("test")
                .initializers(context -> {
                    for (Object bean : beans) {
                        context.getBeanFactory().registerSingleton(bean.getClass().getSimpleName(), bean);
                    }
                });
        for (Object bean : beans) {
            if (bean instanceof SpeechRecognizer) {
                service.sources(RegisteredRecognizer.class);
            }
        }
        return service.run(all.toArray(String[]::new));
    }

    /** Makes the registered recognizer the one everyone gets. */
    static class RegisteredRecognizer {

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        SpeechRecognizer primaryRecognizer(java.util.List<SpeechRecognizer> recognizers) {
            return recognizers.stream().filter(r -> !(r instanceof VoskRecognizer)).findFirst().orElseThrow();
        }
    }
}
