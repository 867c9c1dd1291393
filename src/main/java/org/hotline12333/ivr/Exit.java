package org.hotline12333.ivr;

/** How a caller leaves the menu: to a person, or with a goodbye. */
sealed interface Exit {

    /** To a person in a skill group (and post), after the action's prompt. */
    record ToPerson(IvrScript.Action action) implements Exit {
    }

    /** The caller heard the goodbye and the call is hung up. */
    record Goodbye() implements Exit {
    }
}
