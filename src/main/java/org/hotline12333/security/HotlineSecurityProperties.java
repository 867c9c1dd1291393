package org.hotline12333.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param initialAdmin the first administrator, created on the first start when there are no users at all
 */
@ConfigurationProperties("hotline.security")
public record HotlineSecurityProperties(@DefaultValue InitialAdmin initialAdmin) {

    /**
     * @param username     name of the first administrator
     * @param password     its password; when empty a random one is generated and written to {@code passwordFile}
     * @param passwordFile where a generated password is written (readable by the service's user only)
     */
    public record InitialAdmin(@DefaultValue("admin") String username,
                               String password,
                               @DefaultValue("./data/initial-admin-password") Path passwordFile) {
    }
}
