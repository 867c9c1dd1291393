package org.hotline12333.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param instanceName names this service instance: on the calls it handles, its lease, its agents' state changes.
 *                     Instances sharing a database need different names. Defaults to the host name.
 */
@ConfigurationProperties("hotline.calls")
record InstanceProperties(String instanceName) {
}
