package org.hotline12333.alert;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Warnings for supervisors, from any feature: stored until someone acknowledges them, and published as
 * {@link AlertRaised} for the live page. Raising an alert never fails its caller's work: it runs in its own
 * transaction and a storage problem is logged instead of thrown.
 */
@Service
public class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final AlertRepository alerts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Alerts(AlertRepository alerts, ApplicationEventPublisher events, Clock clock) {
        this.alerts = alerts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<AlertView> raise(AlertKind kind, String subject, String message) {
        return raise(kind, subject, message, null, null);
    }

    /** An alert about a call in progress: the floor shows it with the call, and offers to listen in. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<AlertView> raise(AlertKind kind, String subject, String message, String callId, String agent) {
        log.warn("Alert {} ({}): {}", kind, subject, message);
        try {
            AlertView alert = alerts.save(new Alert(kind, subject, message, clock.instant(), callId, agent)).view();
            events.publishEvent(new AlertRaised(alert));
            return Optional.of(alert);
        } catch (RuntimeException e) {
            log.error("Could not store alert {} ({}): {}", kind, subject, message, e);
            return Optional.empty();
        }
    }

    @Transactional(readOnly = true)
    public List<AlertView> open(int limit) {
        return alerts.findByAcknowledgedAtIsNullOrderByRaisedAtDesc(PageRequest.of(0, limit)).stream()
                .map(Alert::view).toList();
    }

    @Transactional(readOnly = true)
    public List<AlertView> recent(int limit) {
        return alerts.findAllByOrderByRaisedAtDesc(PageRequest.of(0, limit)).stream().map(Alert::view).toList();
    }

    @Transactional
    public Optional<AlertView> acknowledge(long id, String by) {
        return alerts.findById(id).map(alert -> {
            alert.acknowledge(by, clock.instant());
            return alert.view();
        });
    }
}
