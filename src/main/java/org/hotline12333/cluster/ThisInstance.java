package org.hotline12333.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * The name of this service instance: on its calls, its lease, its agents' state changes. Set with
 * {@code hotline.calls.instance-name}; the host name by default. Instances sharing a database need different names.
 */
@Component
public class ThisInstance {

    private final String name;

    ThisInstance(InstanceProperties properties) {
        String configured = properties.instanceName();
        this.name = configured == null || configured.isBlank() ? hostName() : configured.strip();
        if (name.length() > 64) {
            throw new IllegalStateException("hotline.calls.instance-name must be at most 64 characters: " + name);
        }
    }

    public String name() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hotline";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
