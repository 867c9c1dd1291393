package org.hotline12333.telephony.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI CancelAtxfer (Asterisk 22, write class call): queues the features.conf {@code atxferabort} code on the
 * transferring channel, which gives up the consultation and returns it to the other party. asterisk-java 3.42 has no
 * class for it. Public: asterisk-java reads its fields through reflection.
 */
public final class CancelAtxferAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;
    private final String channel;

    CancelAtxferAction(String channel) {
        this.channel = channel;
    }

    @Override
    public String getAction() {
        return "CancelAtxfer";
    }

    public String getChannel() {
        return channel;
    }
}
