package org.hotline12333.telephony.agi;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The FastAGI server Asterisk hands calls to.
 *
 * @param bindAddress      interface to listen on; 127.0.0.1 unless Asterisk runs on another host
 * @param port             FastAGI port
 * @param maxCalls         calls handled at once, one thread each; a hotline needs 1,000 and more
 * @param overflowCalls    callers beyond maxCalls who are still told, politely, that lines are busy and handed back
 *                         to the dialplan's fallback; beyond that the connection is refused and Asterisk falls back
 * @param shutdownGrace    how long calls in progress may go on when the service stops
 * @param promptPrefix     directory of the hotline's prompts in Asterisk's sounds directory
 * @param allowedPeers     addresses (CIDR: 10.0.0.5/32, 10.1.0.0/16, ::1/128) FastAGI connections are taken from;
 *                         any other peer is closed at once, counted, logged and raised as an alert
 * @param headerTimeout    a connection that has not sent its whole request (the headers up to the blank line) within
 *                         this time is closed and its call slot freed
 * @param maxLineLength    longest line, in bytes, a peer may send; a longer one closes the connection
 * @param maxHeaderLines   most header lines in one request (Asterisk sends about 25, plus one per AGI argument)
 * @param maxPendingPerPeer connections from one address that may be waiting for their request at once; more are
 *                         closed at once
 * @param virtualThreads   run each call's session on a virtual thread when the JVM has them (Java 21 and later);
 *                         on Java 17 the sessions keep their platform threads (and a warning says so)
 */
@Validated
@ConfigurationProperties("hotline.agi")
public record AgiProperties(@DefaultValue("127.0.0.1") String bindAddress,
                            @DefaultValue("4573") @Min(0) @Max(65535) int port,
                            @DefaultValue("2000") @Min(1) int maxCalls,
                            @DefaultValue("32") @Min(1) int overflowCalls,
                            @DefaultValue("30s") Duration shutdownGrace,
                            @DefaultValue("hotline/") String promptPrefix,
                            @DefaultValue({"127.0.0.0/8", "::1/128"}) List<String> allowedPeers,
                            @DefaultValue("5s") Duration headerTimeout,
                            @DefaultValue("8192") @Min(256) int maxLineLength,
                            @DefaultValue("256") @Min(32) int maxHeaderLines,
                            @DefaultValue("100") @Min(1) int maxPendingPerPeer,
                            @DefaultValue("false") boolean virtualThreads) {
}
