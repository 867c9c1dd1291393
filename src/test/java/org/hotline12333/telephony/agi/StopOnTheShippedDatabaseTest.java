package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.InstanceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * An operator stops the service (SIGTERM, as systemd or {@code docker stop} does) on the database it ships with, an
 * H2 file, while a caller is in the menu: the call is handed to the dialplan after the grace period and its end is
 * in the database once the process is gone. H2 closes a file database when the JVM begins to exit unless told not
 * to, which would leave the service's own shutdown (the calls' ends, the recordings, the lease) nothing to write to.
 */
class StopOnTheShippedDatabaseTest {

    @Test
    void aCallInTheMenuAtSigtermIsRecordedAsHandedToTheDialplan(@TempDir Path dir) throws Exception {
        String url = shippedUrl().replace("./data/hotline", dir.resolve("hotline").toString());
        SimulatedCall caller;
        try (InstanceProcess service = InstanceProcess.startOnH2("h2-stop", url,
                "--hotline.ivr.scripts-directory=" + InstanceProcess.scriptsOpenAllDay(),
                "--hotline.agi.shutdown-grace=1s")) {
            caller = AgiStandIn.call(service.agiPort()).script("ivr?menu=12333").from("13500009999")
                    .holdOn(command -> true).start().awaitHeld();
        }
        caller.release();
        caller.awaitEnd();

        try (Connection db = DriverManager.getConnection(url, "hotline", "");
             PreparedStatement query = db.prepareStatement(
                     "select ended_by, end_reason from calls where unique_id = ?")) {
            query.setString(1, caller.uniqueId());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("the call's record").isTrue();
                assertThat(row.getString(1) + ": " + row.getString(2))
                        .isEqualTo("SHUTDOWN: service stopped during the call; handed to the dialplan");
            }
        }
    }

    /** spring.datasource.url as application.yml ships it. */
    private static String shippedUrl() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.datasource.url");
    }
}
