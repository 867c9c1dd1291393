package org.hotline12333.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;

/**
 * Turns a transcript into findings: forbidden phrases in the agent's speech, the greeting and the closing, the
 * agent's speech rate, long silences and talk-over; each with its offset in the recording.
 */
final class SpeechAnalysis {

    /** Pauses shorter than this between one speaker's words do not end their turn (for talk-over). */
    static final double PAUSE_WITHIN_TURN = 0.3;

    private final SpeechProperties.Findings rules;

    SpeechAnalysis(SpeechProperties.Findings rules) {
        this.rules = rules;
    }

    record Result(List<Finding> findings, SpeechMeasures measures) {
    }

    /**
     * The part of a recording where the caller talked with an agent, in seconds from its start. The agent's side of a
     * recording also carries the IVR's prompts, music on hold and the survey, which are not the agent speaking.
     */
    record Conversation(double from, double until) {

        static final Conversation WHOLE_RECORDING = new Conversation(0, Double.MAX_VALUE);

        boolean holds(Utterance utterance) {
            return utterance.end() > from && utterance.start() < until;
        }
    }

    /** Findings over the whole recording, for a recording whose call is unknown. */
    Result analyse(Transcript transcript) {
        return analyse(transcript, Conversation.WHOLE_RECORDING);
    }

    /** Findings over the conversation with the agent only; none when there was none. */
    Result analyse(Transcript transcript, Conversation conversation) {
        if (conversation == null) {
            return new Result(List.of(), new SpeechMeasures(0, 0, 0, 0, 0, 0));
        }
        List<Utterance> agent = transcript.of(Speaker.AGENT).stream().filter(conversation::holds).toList();
        List<Utterance> caller = transcript.of(Speaker.CALLER).stream().filter(conversation::holds).toList();
        List<Finding> findings = new ArrayList<>();
        for (Utterance utterance : agent) {
            for (String phrase : rules.forbiddenPhrases()) {
                for (Span at : PhraseSearch.find(utterance, phrase)) {
                    findings.add(new Finding(FindingKind.FORBIDDEN_PHRASE, Speaker.AGENT, at.start(), at.end(), phrase,
                            "agent said 「" + phrase + "」: 「" + utterance.text() + "」"));
                }
            }
        }
        findings.add(opening(agent));
        findings.add(closing(agent));

        double agentSeconds = seconds(agent);
        double callerSeconds = seconds(caller);
        double charsPerMinute = agentSeconds > 0 ? characters(agent) * 60 / agentSeconds : 0;
        speechRate(charsPerMinute, agent).ifPresent(findings::add);

        List<Span> silences = gaps(turns(transcript.utterances().stream().filter(conversation::holds).toList(), 0));
        silences.stream().filter(gap -> gap.seconds() >= seconds(rules.longSilence()))
                .map(gap -> new Finding(FindingKind.LONG_SILENCE, null, gap.start(), gap.end(), null,
                        "nobody spoke for " + Math.round(gap.seconds()) + " s"))
                .forEach(findings::add);

        List<Span> agentTurns = turns(agent, PAUSE_WITHIN_TURN);
        List<Span> callerTurns = turns(caller, PAUSE_WITHIN_TURN);
        double talkOver = 0;
        for (Span a : agentTurns) {
            for (Span c : callerTurns) {
                double start = Math.max(a.start(), c.start());
                double end = Math.min(a.end(), c.end());
                if (end <= start) {
                    continue;
                }
                talkOver += end - start;
                if (end - start >= seconds(rules.talkOver())) {
                    Speaker second = c.start() > a.start() ? Speaker.CALLER : Speaker.AGENT;
                    findings.add(new Finding(FindingKind.TALK_OVER, second, start, end, null,
                            (second == Speaker.CALLER ? "caller" : "agent") + " started speaking while the "
                                    + (second == Speaker.CALLER ? "agent" : "caller") + " was; both spoke for "
                                    + String.format("%.1f", end - start) + " s"));
                }
            }
        }
        findings.sort(Comparator.comparingDouble(Finding::start));
        double longestSilence = silences.stream().mapToDouble(Span::seconds).max().orElse(0);
        double share = agentSeconds + callerSeconds > 0 ? agentSeconds / (agentSeconds + callerSeconds) : 0;
        return new Result(findings, new SpeechMeasures(round(agentSeconds), round(callerSeconds),
                round(charsPerMinute), round(share), round(talkOver), round(longestSilence)));
    }

    private Finding opening(List<Utterance> agent) {
        if (agent.isEmpty()) {
            return new Finding(FindingKind.GREETING_MISSING, Speaker.AGENT, 0, 0, null, "the agent was not heard");
        }
        double from = agent.get(0).start();
        double until = from + seconds(rules.openingWindow());
        List<Utterance> opening = agent.stream().filter(utterance -> utterance.start() <= until).toList();
        for (Utterance utterance : opening) {
            Optional<Finding> greeting = first(utterance, rules.greetingPhrases(), FindingKind.GREETING);
            if (greeting.isPresent()) {
                return greeting.get();
            }
        }
        return new Finding(FindingKind.GREETING_MISSING, Speaker.AGENT, from, Math.min(until, last(opening).end()),
                null, "no greeting (" + String.join(" / ", rules.greetingPhrases()) + ") when the agent began: 「"
                + joined(opening) + "」");
    }

    private Finding closing(List<Utterance> agent) {
        if (agent.isEmpty()) {
            return new Finding(FindingKind.CLOSING_MISSING, Speaker.AGENT, 0, 0, null, "the agent was not heard");
        }
        double until = last(agent).end();
        double from = until - seconds(rules.closingWindow());
        List<Utterance> ending = agent.stream().filter(utterance -> utterance.end() >= from).toList();
        for (int i = ending.size() - 1; i >= 0; i--) {
            Optional<Finding> closing = first(ending.get(i), rules.closingPhrases(), FindingKind.CLOSING);
            if (closing.isPresent()) {
                return closing.get();
            }
        }
        return new Finding(FindingKind.CLOSING_MISSING, Speaker.AGENT, Math.max(from, ending.get(0).start()), until,
                null, "no closing (" + String.join(" / ", rules.closingPhrases()) + ") when the agent finished: 「"
                + joined(ending) + "」");
    }

    private static Optional<Finding> first(Utterance utterance, List<String> phrases, FindingKind kind) {
        for (String phrase : phrases) {
            List<Span> found = PhraseSearch.find(utterance, phrase);
            if (!found.isEmpty()) {
                return Optional.of(new Finding(kind, Speaker.AGENT, found.get(0).start(), found.get(0).end(), phrase,
                        "「" + utterance.text() + "」"));
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> speechRate(double charsPerMinute, List<Utterance> agent) {
        if (agent.isEmpty()) {
            return Optional.empty();
        }
        String measured = Math.round(charsPerMinute) + " characters per minute (comfortable: "
                + rules.minCharsPerMinute() + "–" + rules.maxCharsPerMinute() + ")";
        double start = agent.get(0).start();
        double end = last(agent).end();
        if (charsPerMinute > rules.maxCharsPerMinute()) {
            return Optional.of(new Finding(FindingKind.SPEECH_TOO_FAST, Speaker.AGENT, start, end, null,
                    "the agent spoke " + measured));
        }
        if (charsPerMinute < rules.minCharsPerMinute()) {
            return Optional.of(new Finding(FindingKind.SPEECH_TOO_SLOW, Speaker.AGENT, start, end, null,
                    "the agent spoke " + measured));
        }
        return Optional.empty();
    }

    /** Stretches of speech (by words where there are any), joining those less than {@code pause} apart. */
    static List<Span> turns(List<Utterance> utterances, double pause) {
        List<Span> pieces = new ArrayList<>();
        for (Utterance utterance : utterances) {
            if (utterance.words().isEmpty()) {
                pieces.add(new Span(utterance.start(), utterance.end()));
            }
            for (Word word : utterance.words()) {
                pieces.add(new Span(word.start(), word.end()));
            }
        }
        pieces.sort(Comparator.comparingDouble(Span::start));
        List<Span> turns = new ArrayList<>();
        for (Span piece : pieces) {
            Span previous = turns.isEmpty() ? null : turns.get(turns.size() - 1);
            if (previous != null && piece.start() - previous.end() <= pause) {
                turns.set(turns.size() - 1, new Span(previous.start(), Math.max(previous.end(), piece.end())));
            } else {
                turns.add(piece);
            }
        }
        return turns;
    }

    private static List<Span> gaps(List<Span> turns) {
        List<Span> gaps = new ArrayList<>();
        for (int i = 1; i < turns.size(); i++) {
            gaps.add(new Span(turns.get(i - 1).end(), turns.get(i).start()));
        }
        return gaps;
    }

    private static double seconds(List<Utterance> utterances) {
        return utterances.stream().mapToDouble(Utterance::seconds).sum();
    }

    private static double seconds(java.time.Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static long characters(List<Utterance> utterances) {
        return utterances.stream().mapToLong(u -> u.text().codePoints().filter(Character::isLetterOrDigit).count()).sum();
    }

    private static Utterance last(List<Utterance> utterances) {
        return utterances.get(utterances.size() - 1);
    }

    private static String joined(List<Utterance> utterances) {
        String text = String.join(" ", utterances.stream().map(Utterance::text).toList());
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** A stretch of time in the recording, in seconds. */
    record Span(double start, double end) {

        double seconds() {
            return end - start;
        }
    }
}
