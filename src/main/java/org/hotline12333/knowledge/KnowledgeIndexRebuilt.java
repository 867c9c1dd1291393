package org.hotline12333.knowledge;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The knowledge index was rebuilt from the database: when the service started (or for a search that came before the
 * start was over), after a version was approved (here or on another instance), or because a new day began (effective
 * dates and expiries).
 *
 * @param articles the articles in force now, all of them searchable
 * @param day      the day they are in force on
 * @param took     how long reading and indexing them took
 */
public record KnowledgeIndexRebuilt(int articles, Reason reason, LocalDate day, Duration took) {

    public enum Reason { START, FIRST_SEARCH, APPROVAL, NEW_DAY }
}
