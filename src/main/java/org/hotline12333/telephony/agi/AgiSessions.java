package org.hotline12333.telephony.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;

/** Every connection runs the same {@link AgiSession}; the session picks the handler from the URL. */
final class AgiSessions implements MappingStrategy {

    private final AgiSession session;

    AgiSessions(AgiSession session) {
        this.session = session;
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        return session;
    }
}
