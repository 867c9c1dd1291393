package org.hotline12333.supervision;

import org.hotline12333.routing.ActionRefused;
import org.hotline12333.telephony.PbxActionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What monitoring and the supervisors' actions answer when a request cannot be done, and why. */
@RestControllerAdvice(assignableTypes = {MonitoringController.class, SupervisorActionsController.class})
class SupervisionErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail bad(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({Monitoring.NoSuchCall.class, Monitoring.NoSuchSession.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Monitoring.NotNow.class)
    ProblemDetail notNow(Monitoring.NotNow e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ActionRefused.class)
    ProblemDetail refused(ActionRefused e) {
        return ProblemDetail.forStatusAndDetail(e.why() == ActionRefused.Why.UNKNOWN ? HttpStatus.NOT_FOUND
                : HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Monitoring.NotYours.class)
    ProblemDetail notYours(Monitoring.NotYours e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(Monitoring.PbxFailed.class)
    ProblemDetail pbx(Monitoring.PbxFailed e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "Asterisk: " + e.getMessage());
    }

    @ExceptionHandler(PbxActionException.class)
    ProblemDetail pbx(PbxActionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "Asterisk: " + e.getMessage());
    }
}
