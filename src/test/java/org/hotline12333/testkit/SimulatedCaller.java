package org.hotline12333.testkit;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the caller on a stand-in AGI session does, in order: keys pressed whenever Asterisk listens for keys,
 * silence, prompts listened to their end, things said (audio), and keys pressed while music on hold plays. Used by
 * one session thread only.
 */
final class SimulatedCaller {

    /** The caller waits without pressing anything: the command listening for keys times out. */
    static final Object SILENCE = new Object();

    private final Deque<Object> actions = new ArrayDeque<>();
    private final List<Character> lostKeys = new ArrayList<>();

    record ListensTo(String prompt) {
    }

    /**
     * A key pressed while music on hold plays (once {@code afterPrompt} has been heard, if given): heard only if a
     * command is reading keys at that moment.
     */
    record KeyDuringMusic(char key, String afterPrompt) {
    }

    /** A key pressed when the prompt has played this many samples (8 kHz). */
    record KeyAt(char key, long samples) {
    }

    /** A key pressed only when this prompt plays: until then the caller presses nothing (a caller kept waiting). */
    record KeyOn(char key, String prompt) {
    }

    private final List<String> heard = new ArrayList<>();

    void add(Object action) {
        actions.add(action);
    }

    /** A key that stopped a prompt, and where (samples), when the caller said; else null. */
    record Pressed(char key, Long samples) {
    }

    /**
     * The caller's answer to a prompt played with these escape keys: the key that stops it, or nothing (played to its
     * end). A caller listening to this prompt to its end moves on past it.
     */
    Pressed keyDuring(String file, String escapeDigits) {
        heard.add(file);
        Object next = actions.peek();
        if (next instanceof KeyAt at && escapeDigits.indexOf(at.key()) >= 0) {
            actions.poll();
            return new Pressed(at.key(), at.samples());
        }
        if (next instanceof ListensTo listens) {
            if (isPrompt(file, listens.prompt())) {
                actions.poll();
            }
            return null;
        }
        if (next instanceof KeyOn on) {
            if (!isPrompt(file, on.prompt()) || escapeDigits.indexOf(on.key()) < 0) {
                return null;
            }
            actions.poll();
            return new Pressed(on.key(), null);
        }
        if (next instanceof Character key && escapeDigits.indexOf(key) >= 0) {
            actions.poll();
            return new Pressed(key, null);
        }
        return null;
    }

    private static boolean isPrompt(String file, String prompt) {
        return file.endsWith("/" + prompt) || file.equals(prompt);
    }

    /** WAIT FOR DIGIT: the next key (one pressed during music included), or null when the caller stays silent. */
    Character waitForDigit(boolean musicPlaying) {
        Object next = actions.peek();
        if (next instanceof KeyDuringMusic music) {
            if (!musicPlaying || !armed(music)) {
                return null;
            }
            actions.poll();
            return music.key();
        }
        if (next instanceof Character || next instanceof KeyAt || next == SILENCE) {
            actions.poll();
        }
        return next instanceof Character key ? key : next instanceof KeyAt at ? at.key() : null;
    }

    /** Whether {@link #waitForDigit} would get a key now, without taking it. */
    boolean keyReady(boolean musicPlaying) {
        Object next = actions.peek();
        if (next instanceof KeyDuringMusic music) {
            return musicPlaying && armed(music);
        }
        return next instanceof Character || next instanceof KeyAt;
    }

    /** GET DATA: keys until '#', silence or {@code max}; {@code timedOut} is whether silence ended it. */
    String getData(int max, boolean[] timedOut) {
        StringBuilder digits = new StringBuilder();
        while (digits.length() < max) {
            Object next = actions.peek();
            if (!(next instanceof Character key)) {
                if (next == SILENCE) {
                    actions.poll();
                }
                timedOut[0] = true;
                return digits.toString();
            }
            actions.poll();
            if (key == '#') {
                break;
            }
            digits.append(key);
        }
        return digits.toString();
    }

    /** RECORD FILE: what the caller says (audio), a key, or nothing. */
    Object record() {
        Object next = actions.peek();
        if (next instanceof Path || next instanceof Character || next == SILENCE) {
            return actions.poll();
        }
        return null;
    }

    /**
     * A command other than WAIT FOR DIGIT runs while music plays: a key the caller presses now is not delivered to
     * AGI (as on Asterisk 22, trace T6) and is lost.
     */
    void musicWithoutListening() {
        if (actions.peek() instanceof KeyDuringMusic music && armed(music)) {
            actions.poll();
            lostKeys.add(music.key());
        }
    }

    /** A key pressed between commands: Asterisk's AGI loop reads and drops it. */
    void pressedBetweenCommands(char key) {
        lostKeys.add(key);
    }

    private boolean armed(KeyDuringMusic music) {
        return music.afterPrompt() == null
                || heard.stream().anyMatch(f -> f.endsWith("/" + music.afterPrompt()) || f.equals(music.afterPrompt()));
    }

    List<Character> lostKeys() {
        return List.copyOf(lostKeys);
    }
}
