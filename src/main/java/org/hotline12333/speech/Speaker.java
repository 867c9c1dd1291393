package org.hotline12333.speech;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who is speaking on a leg of the recording. */
public enum Speaker {
    /** The caller's side of the recording. */
    @JsonProperty("caller") CALLER,
    /** The other side: the agent (and, before the agent answered, what the caller heard). */
    @JsonProperty("agent") AGENT
}
