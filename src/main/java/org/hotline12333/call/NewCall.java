package org.hotline12333.call;

/** What is known of a call when it reaches the service. */
public record NewCall(String node, String uniqueId, String channel, String callerNumber, String callerName,
                      String dialledNumber, String script) {
}
