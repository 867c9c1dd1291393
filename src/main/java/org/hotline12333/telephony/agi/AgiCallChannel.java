package org.hotline12333.telephony.agi;

import java.time.Duration;
import java.util.Optional;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiNetworkException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.RecordFileCommand;
import org.asteriskjava.fastagi.command.SayDigitsCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.CallInfo;
import org.hotline12333.telephony.DialResult;
import org.hotline12333.telephony.DialStatus;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.telephony.Digits;
import org.hotline12333.telephony.HotlineStatus;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.telephony.TelephonyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallChannel} over one FastAGI session.
 *
 * <p>When a caller hangs up, Asterisk ends the command in progress ({@code result=-1} for a prompt, a key wait or
 * Dial), sends a bare {@code HANGUP} line (asterisk-java skips it), still answers the commands res_agi allows on a
 * dead channel (EXEC, GET/SET VARIABLE...) and answers every other one with 511. The first 511, or a Dial that says
 * the caller is gone ({@link #dial}), marks the call gone; from then on no command is sent at all.
 */
final class AgiCallChannel implements CallChannel {

    private static final Logger log = LoggerFactory.getLogger(AgiCallChannel.class);
    private static final String ALL_KEYS = "0123456789*#";

    private final AgiChannel agi;
    private final CallInfo info;
    private final String promptPrefix;
    private volatile CallGoneException gone;
    private volatile boolean hungUpByService;
    private volatile String status;

    AgiCallChannel(AgiChannel agi, CallInfo info, String promptPrefix) {
        this.agi = agi;
        this.info = info;
        this.promptPrefix = promptPrefix;
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public void answer() {
        send(new AnswerCommand());
    }

    @Override
    public Optional<Character> play(String prompt, String escapeDigits) {
        return keyOrNothing(send(new StreamFileCommand(soundFile(prompt), escapeDigits)), prompt);
    }

    @Override
    public Optional<Character> sayDigits(String digits, String escapeDigits) {
        return keyOrNothing(send(new SayDigitsCommand(digits, escapeDigits)), "digits " + digits.length());
    }

    @Override
    public Optional<Character> sayNumber(long number, String escapeDigits) {
        return keyOrNothing(send(new SayNumberCommand(Long.toString(number), escapeDigits)), "number");
    }

    /** WAIT FOR DIGIT; music on hold started with SET MUSIC ON plays on meanwhile (checked on Asterisk 22.10). */
    @Override
    public Optional<Character> waitForKey(Duration timeout) {
        int code = send(new WaitForDigitCommand(Math.max(1, timeout.toMillis()))).getResultCode();
        if (code < 0) {
            // ast_waitfordigit_full returns -1 when the channel hangs up during the wait
            gone = new CallGoneException(true, "caller hung up");
            throw gone;
        }
        return code > 0 ? Optional.of((char) code) : Optional.empty();
    }

    @Override
    public Digits collectDigits(String prompt, DigitRequest request) {
        if (request.terminator() == '#') {
            AgiReply reply = send(new GetDataCommand(soundFile(prompt), request.timeout().toMillis(), request.maxDigits()));
            String digits = reply.getResult();
            if (digits == null || digits.equals("-1")) {
                return new Digits("", false);
            }
            return new Digits(digits, "timeout".equals(reply.getExtra()));
        }
        return collectKeyByKey(prompt, request);
    }

    /** GET DATA only knows '#' as terminator; any other terminator means reading key by key. */
    private Digits collectKeyByKey(String prompt, DigitRequest request) {
        StringBuilder digits = new StringBuilder();
        Optional<Character> key = play(prompt, ALL_KEYS);
        while (true) {
            if (key.isEmpty()) {
                AgiReply reply = send(new WaitForDigitCommand(request.timeout().toMillis()));
                int code = reply.getResultCode();
                if (code <= 0) {
                    return new Digits(digits.toString(), code == 0);
                }
                key = Optional.of((char) code);
            }
            if (key.get() == request.terminator()) {
                return new Digits(digits.toString(), false);
            }
            digits.append(key.get());
            if (digits.length() >= request.maxDigits()) {
                return new Digits(digits.toString(), false);
            }
            key = Optional.empty();
        }
    }

    @Override
    public Optional<Character> recordUtterance(String file, Duration maxDuration, Duration silence,
                                               String escapeDigits) {
        AgiReply reply = send(new RecordFileCommand(file, "wav", escapeDigits, (int) maxDuration.toMillis(), 0, false,
                (int) Math.max(1, silence.toSeconds())));
        int code = reply.getResultCode();
        return code > 0 ? Optional.of((char) code) : Optional.empty();
    }

    @Override
    public String getVariable(String name) {
        AgiReply reply = send(new GetVariableCommand(name));
        return reply.getResultCode() == 1 ? reply.getExtra() : null;
    }

    @Override
    public void setVariable(String name, String value) {
        send(new SetVariableCommand(name, value));
        if (HotlineStatus.VARIABLE.equals(name)) {
            status = value;
        }
    }

    /**
     * Dial returns {@code 200 result=-1} when the caller's channel is gone by the time it ends (app_dial: with the
     * {@code g} option a leg that ended any other way returns 0), and DIALSTATUS says whether they had been
     * connected: CANCEL while the phone rang, ANSWER after talking. Both are still answered on the dead channel
     * (res_agi runs EXEC and GET VARIABLE there), so this is where the service learns of the hang-up: the bare
     * HANGUP line Asterisk also sends is swallowed by asterisk-java's reader, and the 511 comes only for a later
     * command that is not allowed on a dead channel. From here on nothing more is sent.
     */
    @Override
    public DialResult dial(String endpoint, Duration ringTimeout, String dialOptions) {
        String options = dialOptions == null ? "" : dialOptions;
        AgiReply reply = send(new ExecCommand("Dial", endpoint + "," + ringTimeout.toSeconds() + "," + options));
        DialStatus status = DialStatus.of(getVariable("DIALSTATUS"));
        boolean callerGone = status == DialStatus.CANCEL || (reply.getResultCode() < 0 && status == DialStatus.ANSWER);
        if (callerGone) {
            gone = new CallGoneException(true, status == DialStatus.CANCEL
                    ? "caller hung up while " + endpoint + " rang" : "caller hung up during the conversation");
        }
        return new DialResult(status, callerGone);
    }

    /**
     * {@code EXEC Bridge "<channel>,x"}: Asterisk finds the channel by name or unique id and moves it out of what it
     * was doing (ChanSpy, say) into a bridge with the caller; {@code x} hangs it up when the caller leaves. It returns
     * 0 when the bridge ends, whoever left (a caller's hang-up shows in the next command), with BRIDGERESULT SUCCESS;
     * NONEXISTENT at once when there was no such channel (both checked on Asterisk 22.10).
     */
    @Override
    public boolean bridge(String channel) {
        AgiReply reply = send(new ExecCommand("Bridge", channel + ",x"));
        if (reply.getResultCode() < 0) {
            gone = new CallGoneException(true, "caller hung up while bridged with " + channel);
            throw gone;
        }
        return "SUCCESS".equals(getVariable("BRIDGERESULT"));
    }

    @Override
    public void startRecording(RecordingFiles files) {
        AgiReply reply = send(new ExecCommand("MixMonitor",
                files.mixed() + ",r(" + files.callerSide() + ")t(" + files.otherSide() + ")"));
        if (reply.getResultCode() < 0) {
            throw new TelephonyException("Asterisk could not start MixMonitor to " + files.mixed());
        }
    }

    @Override
    public void stopRecording() {
        send(new ExecCommand("StopMixMonitor"));
    }

    @Override
    public void startMusicOnHold(String mohClass) {
        send(mohClass == null ? new SetMusicOnCommand() : new SetMusicOnCommand(mohClass));
    }

    @Override
    public void stopMusicOnHold() {
        send(new SetMusicOffCommand());
    }

    @Override
    public void hangup() {
        send(new HangupCommand());
        hungUpByService = true;
        gone = new CallGoneException(false, "hung up by the service");
    }

    @Override
    public boolean isGone() {
        return gone != null;
    }

    boolean hungUpByService() {
        return hungUpByService;
    }

    /** The HOTLINE_STATUS the handler set, or null. */
    String status() {
        return status;
    }

    private AgiReply send(AgiCommand command) {
        CallGoneException already = gone;
        if (already != null) {
            throw already;
        }
        AgiReply reply;
        try {
            reply = agi.sendCommand(command);
        } catch (AgiHangupException e) {
            // asterisk-java raises the same exception for a 511 reply and for a connection closed mid-command
            AgiReply last = agi.getLastReply();
            boolean hungUp = last != null && last.getStatus() == AgiReply.SC_DEAD_CHANNEL;
            gone = new CallGoneException(hungUp, hungUp ? "caller hung up" : "connection to Asterisk closed");
            throw gone;
        } catch (AgiNetworkException e) {
            gone = new CallGoneException(false, "connection to Asterisk lost: " + e.getMessage());
            throw gone;
        } catch (AgiException e) {
            throw new TelephonyException("Asterisk refused '" + command.buildCommand() + "': " + e.getMessage(), e);
        }
        if (reply.getStatus() != AgiReply.SC_SUCCESS) {
            throw new TelephonyException("Unexpected reply from Asterisk to '" + command.buildCommand() + "': '"
                    + reply.getFirstLine() + "'");
        }
        return reply;
    }

    private String soundFile(String prompt) {
        return prompt.contains("/") ? prompt : promptPrefix + prompt;
    }

    private Optional<Character> keyOrNothing(AgiReply reply, String what) {
        int code = reply.getResultCode();
        if (code > 0) {
            return Optional.of((char) code);
        }
        if (code < 0) {
            // a missing sound file or a hang-up; the next command tells which, the prompt list is checked at load
            log.debug("Asterisk could not play {} on call {}", what, info.callId());
        }
        return Optional.empty();
    }
}
