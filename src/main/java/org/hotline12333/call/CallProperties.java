package org.hotline12333.call;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param instanceName names this service instance on the calls it handles, so that after a crash it closes only
 *                     its own open calls (several instances may share one database). Defaults to the host name.
 */
@ConfigurationProperties("hotline.calls")
public record CallProperties(String instanceName) {
}
