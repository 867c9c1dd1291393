package org.hotline12333.telephony.ami;

import java.util.List;
import org.hotline12333.telephony.AsteriskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * An empty AMI secret is a mistake outside development: the service would start, fail to log in forever, and only
 * an alert would say why. It is refused at start, saying how to set one, unless the {@value #DEVELOPMENT} profile is
 * active (the default when no profile is chosen, so {@code ./mvnw spring-boot:run} starts on a fresh machine).
 */
final class AmiSecrets {

    private static final Logger log = LoggerFactory.getLogger(AmiSecrets.class);
    static final String DEVELOPMENT = "dev";

    private AmiSecrets() {
    }

    static void check(List<AsteriskProperties.Node> nodes, Environment environment) {
        List<String> empty = nodes.stream().filter(n -> n.secret() == null || n.secret().isBlank())
                .map(AsteriskProperties.Node::name).toList();
        if (empty.isEmpty()) {
            return;
        }
        String how = "set HOTLINE_AMI_SECRET (or HOTLINE_ASTERISK_NODES_<n>_SECRET, hotline.asterisk.nodes[n].secret)"
                + " to the secret of the '" + nodes.get(0).username() + "' user in Asterisk's manager.conf";
        if (environment.acceptsProfiles(Profiles.of(DEVELOPMENT))) {
            log.warn("The AMI secret of node(s) {} is empty: AMI cannot log in. Development profile, so the service "
                    + "starts anyway; {}", empty, how);
            return;
        }
        throw new IllegalStateException("The AMI secret of node(s) " + empty + " is empty: " + how + ". (Only the '"
                + DEVELOPMENT + "' profile, active when no other profile is, starts without one.)");
    }
}
