package org.hotline12333.alert;

/** Published when an alert is raised, for the supervisors' live page. */
public record AlertRaised(AlertView alert) {
}
