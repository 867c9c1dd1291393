package org.hotline12333.telephony.ami;

import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.AsteriskMapping;

/**
 * ChanSpyStart as Asterisk 22 sends it: asterisk-java's own class has no setters for the spyer's and spyee's account
 * codes, and would log a warning for every supervisor who starts spying. Registered in its place.
 */
@AsteriskMapping("ChanSpyStart")
public final class SpyStartEvent extends ChanSpyStartEvent {

    private static final long serialVersionUID = 1L;
    private String spyerAccountCode;
    private String spyeeAccountCode;

    public SpyStartEvent(Object source) {
        super(source);
    }

    public String getSpyerAccountCode() {
        return spyerAccountCode;
    }

    public void setSpyerAccountCode(String spyerAccountCode) {
        this.spyerAccountCode = spyerAccountCode;
    }

    public String getSpyeeAccountCode() {
        return spyeeAccountCode;
    }

    public void setSpyeeAccountCode(String spyeeAccountCode) {
        this.spyeeAccountCode = spyeeAccountCode;
    }
}
