package org.hotline12333.ivr;

import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.privacy.Mask;
import org.hotline12333.security.Lockouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a caller's self-service PIN with the directory, counting wrong ones per ID number across calls
 * ({@code hotline.security.lockout.caller-pin}): a script's {@code attempts} limit one call, this limits every call
 * together. A locked ID number is not checked at all until the lock ends; the caller is put through to a person, who
 * can verify them otherwise. Unknown ID numbers count alike, so a lock tells nothing about who is insured.
 */
@Component
class CallerPins {

    private static final Logger log = LoggerFactory.getLogger(CallerPins.class);

    enum Outcome { VERIFIED, WRONG, LOCKED }

    private final SelfServiceDirectory directory;
    private final Lockouts lockouts;
    private final Alerts alerts;

    CallerPins(SelfServiceDirectory directory, Lockouts lockouts, Alerts alerts) {
        this.directory = directory;
        this.lockouts = lockouts;
        this.alerts = alerts;
    }

    Outcome verify(String idNumber, String pin, String callId) {
        Lockouts.Standing standing = lockouts.standing(Lockouts.Realm.CALLER_PIN, idNumber);
        if (standing.lockedUntil().isPresent()) {
            log.warn("Self-service PIN for ID {} not checked on call {}: locked after too many wrong PINs",
                    Mask.inText(idNumber), callId);
            return Outcome.LOCKED;
        }
        if (directory.verify(idNumber, pin) == SelfServiceDirectory.Verification.VERIFIED) {
            lockouts.succeeded(Lockouts.Realm.CALLER_PIN, idNumber, standing);
            return Outcome.VERIFIED;
        }
        Lockouts.Failure failure = lockouts.failed(Lockouts.Realm.CALLER_PIN, idNumber);
        if (failure.lockedNow()) {
            alerts.raise(AlertKind.SECURITY, "caller-pin " + Mask.inText(idNumber), "Self-service for ID number "
                    + Mask.inText(idNumber) + " is locked until " + failure.lockedUntil().orElseThrow() + " after "
                    + failure.failures() + " wrong PINs; the last on call " + callId + ".");
        }
        return failure.lockedUntil().isPresent() ? Outcome.LOCKED : Outcome.WRONG;
    }
}
