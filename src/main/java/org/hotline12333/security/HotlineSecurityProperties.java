package org.hotline12333.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param initialAdmin the first administrator, created on the first start when there are no users at all
 * @param lockout      how many failed logins and PINs lock what, for how long
 * @param passwordCost BCrypt's cost (log2 of its rounds) for users' passwords and agents' PINs: 10 (about 80 ms of
 *                     CPU a hash or a login) unless the operator raises it; the tests' services lower it to 4, since
 *                     they sign in on every request. Hashes already stored keep their own cost and still match.
 */
@Validated
@ConfigurationProperties("hotline.security")
public record HotlineSecurityProperties(@DefaultValue InitialAdmin initialAdmin, @DefaultValue Lockout lockout,
                                        @DefaultValue("10") @Min(4) @Max(31) int passwordCost) {

    /**
     * @param username     name of the first administrator
     * @param password     its password; when empty a random one is generated and written to {@code passwordFile}
     * @param passwordFile where a generated password is written (readable by the service's user only)
     */
    public record InitialAdmin(@DefaultValue("admin") String username,
                               String password,
                               @DefaultValue("./data/initial-admin-password") Path passwordFile) {
    }

    /**
     * @param webUser    failed web logins (form or HTTP Basic) of one user name
     * @param webAddress failed web logins from one client address, whatever the user name
     * @param agentPin   wrong PINs for one work number at the phone (*21), across calls
     * @param callerPin  wrong self-service PINs for one ID number in the IVR, across calls
     */
    public record Lockout(Policy webUser, Policy webAddress, Policy agentPin, Policy callerPin) {
        public Lockout {
            webUser = webUser != null ? webUser : new Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
            webAddress = webAddress != null ? webAddress : new Policy(20, Duration.ofMinutes(15), Duration.ofMinutes(15));
            agentPin = agentPin != null ? agentPin : new Policy(5, Duration.ofMinutes(30), Duration.ofMinutes(30));
            callerPin = callerPin != null ? callerPin : new Policy(5, Duration.ofHours(24), Duration.ofHours(1));
        }
    }

    /**
     * @param maxFailures failures within the window that lock
     * @param window      how long failures are counted from the first one
     * @param lockFor     how long the lock lasts; attempts meanwhile are refused unchecked
     */
    public record Policy(@DefaultValue("5") @Min(1) int maxFailures, @DefaultValue("15m") Duration window,
                         @DefaultValue("15m") Duration lockFor) {
    }
}
