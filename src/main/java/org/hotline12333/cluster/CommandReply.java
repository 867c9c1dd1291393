package org.hotline12333.cluster;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * What the user of a forwarded request gets ({@link InstanceCommands}): an HTTP status and a JSON body, a problem
 * detail when the status is 4xx or 5xx.
 */
public record CommandReply(int status, String body) {

    public static CommandReply problem(int status, String detail) {
        StringBuilder quoted = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(detail == null ? "" : detail, quoted);
        return new CommandReply(status, "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":"
                + quoted.append('"') + "}");
    }

    public boolean failed() {
        return status >= 400;
    }

    /** The reply as the user's own HTTP response. */
    public ResponseEntity<String> toResponse() {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (body == null || body.isEmpty()) {
            return response.build();
        }
        return response.contentType(failed() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .body(body);
    }
}
