package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hotline12333.prompts.MandarinReading;
import org.hotline12333.telephony.CallChannel;

/**
 * What a waiting caller hears and may press, on their AGI session's thread: music on hold, their position and an
 * honest wait, and, once they have waited long enough, the callback offer. From the offer on they may press 1 at
 * any moment of the wait, music included.
 *
 * <p>Asterisk hands a key to AGI only while a command is reading keys: pressed while the session idles or probes with
 * another command, it is lost (trace T6). So after the offer the caller is listened to with WAIT FOR DIGIT while the
 * music plays (it goes on during the wait, checked on Asterisk 22.10), in slices of at most {@link #KEY_SLICE}: an
 * agent offered meanwhile is dialled when the slice ends, and a hang-up ends the wait at once. Before the offer a
 * key means nothing, and the thread waits on the {@link Waiter} instead, woken at once by an agent or AMI.
 */
final class HoldTime {

    static final String PLEASE_HOLD = "queue-please-hold";
    static final String POSITION = "queue-position";
    static final String POSITION_UNIT = "queue-position-unit";
    static final String WAIT_MINUTES = "queue-wait-minutes";
    static final String MINUTES = "queue-minutes";
    static final String WAIT_UNDER_A_MINUTE = "queue-wait-under-minute";
    static final String CALLBACK_OFFER = "queue-callback-offer";
    /** The longest an agent offered to a caller who may press 1 waits for the key wait to end. */
    static final Duration KEY_SLICE = Duration.ofSeconds(1);

    private final CallChannel call;
    private final RoutingEngine engine;
    private final RoutingProperties properties;
    private boolean music;
    private boolean heldBefore;
    private boolean offerHeard;
    private Instant nextProbe;

    HoldTime(CallChannel call, RoutingEngine engine) {
        this.call = call;
        this.engine = engine;
        this.properties = engine.properties();
        this.nextProbe = now().plus(properties.hangupProbeInterval());
    }

    /** Position and estimated wait, then the callback offer; true when the caller pressed 1 for a callback. */
    boolean announce(Waiter waiter) {
        musicOff();
        String keys = callbackOffered(waiter) ? "1" : "";
        Optional<Character> key = Optional.empty();
        if (!heldBefore) {
            heldBefore = true;
            key = call.play(PLEASE_HOLD, keys);
        }
        int position = engine.router().position(waiter.call.callId());
        if (key.isEmpty() && position > 0) {
            key = call.play(POSITION, keys).or(() -> MandarinReading.play(call, MandarinReading.number(position), keys))
                    .or(() -> call.play(POSITION_UNIT, keys));
            long minutes = (engine.router().estimatedWait(waiter.call.callId()).toSeconds() + 59) / 60;
            if (key.isEmpty()) {
                key = minutes <= 1 ? call.play(WAIT_UNDER_A_MINUTE, keys)
                        : call.play(WAIT_MINUTES, keys)
                                .or(() -> MandarinReading.play(call, MandarinReading.number(minutes), keys))
                                .or(() -> call.play(MINUTES, keys));
            }
        }
        if (key.isEmpty() && !keys.isEmpty()) {
            key = call.play(CALLBACK_OFFER, keys);
        }
        offerHeard |= !keys.isEmpty();
        return key.isPresent() && key.get() == '1';
    }

    /**
     * Music until {@code until}, an agent or a hang-up, whichever comes first (the caller's thread then looks again);
     * true when the caller pressed 1 for a callback.
     */
    boolean waitUntil(Instant until, Waiter waiter) {
        Instant now = now();
        if (offerHeard) {
            musicOn();
            Duration left = Duration.between(now, until);
            Duration slice = left.compareTo(KEY_SLICE) < 0 ? left : KEY_SLICE;
            return call.waitForKey(slice.isNegative() ? Duration.ofMillis(1) : slice).filter(k -> k == '1').isPresent();
        }
        if (!now.isBefore(nextProbe)) {
            call.answer(); // the hang-up probe: a no-op on an answered channel, refused (511) on a hung-up one
            nextProbe = now().plus(properties.hangupProbeInterval());
            return false;
        }
        musicOn();
        waiter.awaitUntil(until.isBefore(nextProbe) ? until : nextProbe, engine.clock());
        return false;
    }

    void musicOff() {
        if (music) {
            call.stopMusicOnHold();
            music = false;
        }
    }

    private void musicOn() {
        if (!music) {
            call.startMusicOnHold(properties.musicOnHoldClass());
            music = true;
        }
    }

    private boolean callbackOffered(Waiter waiter) {
        Duration after = properties.callbackOfferAfter();
        String number = waiter.call.callerNumber();
        return !after.isZero() && !after.isNegative() && engine.dialStrings().isOutsideNumber(number)
                && !Duration.between(waiter.queuedAt, now()).minus(after).isNegative();
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
