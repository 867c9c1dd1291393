package org.hotline12333.telephony;

/**
 * Runs calls that arrive for one AGI script name: {@code agi://backend:4573/ivr} is handled by the handler whose
 * {@link #script()} is {@code ivr}. Handlers are Spring beans; the service finds them by themselves.
 *
 * <p>A handler may let {@link CallGoneException} propagate: the session records who ended the call. When it
 * returns without hanging up, the call goes back to Asterisk's dialplan with HOTLINE_STATUS telling it what to do.
 */
public interface CallHandler {

    String script();

    void handle(CallChannel call);
}
