package org.hotline12333.supervision;

import org.hotline12333.routing.ActionRefused;
import org.hotline12333.telephony.PbxActionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What monitoring and the supervisors' actions answer when a request cannot be done, and why; the same whether the
 * request ran here or on the instance holding the call ({@link SupervisorRelay}).
 */
@RestControllerAdvice(assignableTypes = {MonitoringController.class, SupervisorActionsController.class})
class SupervisionErrors {

    @ExceptionHandler({IllegalArgumentException.class, Monitoring.NoSuchCall.class, Monitoring.NoSuchSession.class,
            Monitoring.NotNow.class, ActionRefused.class, Monitoring.NotYours.class, Monitoring.PbxFailed.class,
            PbxActionException.class})
    ProblemDetail refused(RuntimeException e) {
        return problem(e);
    }

    /**
     * The problem detail of one of the refusals above, also when it comes wrapped (a repository's translation);
     * other exceptions are rethrown.
     */
    static ProblemDetail problem(RuntimeException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuntimeException e) {
                ProblemDetail problem = known(e);
                if (problem != null) {
                    return problem;
                }
            }
        }
        throw thrown;
    }

    private static ProblemDetail known(RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof Monitoring.NoSuchCall || e instanceof Monitoring.NoSuchSession) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        }
        if (e instanceof Monitoring.NotNow) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        }
        if (e instanceof ActionRefused refused) {
            return ProblemDetail.forStatusAndDetail(refused.why() == ActionRefused.Why.UNKNOWN ? HttpStatus.NOT_FOUND
                    : HttpStatus.CONFLICT, e.getMessage());
        }
        if (e instanceof Monitoring.NotYours) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        }
        if (e instanceof Monitoring.PbxFailed || e instanceof PbxActionException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "Asterisk: " + e.getMessage());
        }
        return null;
    }
}
