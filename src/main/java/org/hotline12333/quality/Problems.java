package org.hotline12333.quality;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Requests quality refuses, each answered with its HTTP status and a detail saying why. */
final class Problems {

    private Problems() {
    }

    /** 400: the request itself is wrong. */
    static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    /** 403: this user may not do this. */
    static ResponseStatusException forbidden(String detail) {
        return new ResponseStatusException(HttpStatus.FORBIDDEN, detail);
    }

    /** 404: no such thing. */
    static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }

    /** 409: not in the present state of things (already appealed, appeal open...). */
    static ResponseStatusException conflict(String detail) {
        return new ResponseStatusException(HttpStatus.CONFLICT, detail);
    }
}
