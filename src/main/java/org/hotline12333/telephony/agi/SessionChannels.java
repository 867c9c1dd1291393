package org.hotline12333.telephony.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiChannelFactory;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiReader;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiWriter;
import org.asteriskjava.fastagi.internal.AgiChannelImpl;

/**
 * asterisk-java's AGI channels, without the {@code AJ_AGISTATUS} variable it sets after every script: the service
 * reports to the dialplan through HOTLINE_STATUS, and after a hang-up that extra command would only meet a 511.
 */
final class SessionChannels implements AgiChannelFactory {

    private static final String ASTERISK_JAVA_STATUS = "AJ_AGISTATUS";

    @Override
    public AgiChannel createAgiChannel(AgiRequest request, AgiWriter writer, AgiReader reader) {
        return new SessionChannel(request, writer, reader);
    }

    private static final class SessionChannel extends AgiChannelImpl {

        SessionChannel(AgiRequest request, AgiWriter writer, AgiReader reader) {
            super(request, writer, reader);
        }

        @Override
        public void setVariable(String name, String value) throws AgiException {
            if (!ASTERISK_JAVA_STATUS.equals(name)) {
                super.setVariable(name, value);
            }
        }
    }
}
