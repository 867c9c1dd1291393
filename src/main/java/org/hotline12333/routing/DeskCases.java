package org.hotline12333.routing;

import java.time.Instant;
import java.util.List;

/**
 * What the agent desk needs from the cases feature, which implements it (cases depends on routing, not the other
 * way round): the caller's open cases for the screen-pop (首问负责), and the classification a wrap-up carries.
 */
public interface DeskCases {

    /** The caller's cases that are not closed, newest first. */
    List<OpenCase> openCases(String callerNumber);

    /**
     * The name of the class a wrap-up may carry; {@link IllegalArgumentException} saying why when the code is unknown
     * or not a minor class.
     */
    String classification(String code);

    /**
     * @param owner   work number of the agent who owns it
     * @param nextDue the deadline that runs now, if any
     */
    record OpenCase(String number, String kind, String classification, String classificationName, String summary,
                    String state, String owner, String department, Instant nextDue, boolean overdue) {
    }
}
