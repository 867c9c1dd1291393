package org.hotline12333.telephony;

import java.util.List;
import java.util.Map;

/**
 * What Asterisk told the service about a call when it handed it over.
 *
 * @param callId        the service's Call record id
 * @param node          the Asterisk node the call is on
 * @param script        the handler asked for in the AGI URL ({@code ivr} in {@code agi://host:4573/ivr?menu=12333})
 * @param parameters    the URL's query parameters ({@code menu=12333})
 * @param fromAsterisk  whether the FastAGI connection came from the address of a configured Asterisk node
 *                      ({@code hotline.asterisk.nodes[n].host}). Only then are the channel and caller headers more
 *                      than claims: staff actions (agent feature codes) require it.
 */
public record CallInfo(String callId, String node, String channel, String uniqueId, String callerNumber,
                       String callerName, String dialledNumber, String context, String language, String script,
                       Map<String, List<String>> parameters, boolean fromAsterisk) {

    /** The first value of a URL parameter, or null. */
    public String parameter(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
