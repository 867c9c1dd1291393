package org.hotline12333.ivr;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.privacy.Mask;
import org.hotline12333.speech.KeywordRecognizer;
import org.hotline12333.telephony.DigitRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller choosing in a menu: by key (also during the prompt), or by saying a keyword when the menu has some and
 * speech is available. * goes back a level, # repeats. No input or a wrong one is asked again with a different
 * prompt, up to the menu's retries; then the fallback (a person, by default) — never silence, never a dead end.
 */
final class MenuChoice {

    private static final Logger log = LoggerFactory.getLogger(MenuChoice.class);

    private final KeywordRecognizer recognizer;
    private final IvrProperties.Speech speech;

    MenuChoice(KeywordRecognizer recognizer, IvrProperties.Speech speech) {
        this.recognizer = recognizer;
        this.speech = speech;
    }

    IvrScript.Action choose(CallerSession session, IvrScript.Menu menu) {
        session.entered(menu.name());
        boolean listen = menu.hasKeywords() && recognizer != null && recognizer.available();
        int failures = 0;
        String lead = null;
        while (true) {
            Optional<Character> key = session.takeKept();
            if (key.isEmpty() && lead != null) {
                key = session.call().play(lead, ValueReader.ALL_KEYS);
            }
            if (key.isEmpty()) {
                key = ValueReader.play(session, menu.prompts().subList(0, menu.prompts().size() - 1));
            }
            String last = menu.prompts().get(menu.prompts().size() - 1);
            if (key.isEmpty() && listen) {
                key = session.call().play(last, ValueReader.ALL_KEYS);
                if (key.isEmpty()) {
                    Optional<IvrScript.Action> heard = listen(session, menu);
                    if (heard.isPresent()) {
                        return heard.get();
                    }
                    listen = false;
                    lead = "speech-unsure";
                    continue;
                }
            }
            if (key.isEmpty()) {
                String digits = session.call().collectDigits(last,
                        new DigitRequest(menu.retry().timeout(), 1, (char) 0)).digits();
                key = digits.isEmpty() ? Optional.empty() : Optional.of(digits.charAt(0));
            }
            if (key.isEmpty()) {
                session.step(menu.name(), last, null, "timeout");
                lead = "no-input";
            } else if (key.get() == '#') {
                session.step(menu.name(), last, "#", "repeat");
                lead = null;
                continue;
            } else if (key.get() == '*') {
                String previous = session.back();
                session.step(menu.name(), last, "*", "back to " + previous);
                return IvrScript.Action.goTo(previous);
            } else if (menu.options().containsKey(key.get())) {
                IvrScript.Action action = menu.options().get(key.get());
                session.step(menu.name(), last, String.valueOf(key.get()), describe(action));
                return action;
            } else {
                session.step(menu.name(), last, String.valueOf(key.get()), "invalid");
                lead = menu.retry().invalidPrompt();
            }
            if (++failures >= menu.retry().retries()) {
                session.step(menu.name(), null, null, "gave up after " + failures + ": " + describe(menu.retry().fallback()));
                return menu.retry().fallback();
            }
        }
    }

    private Optional<IvrScript.Action> listen(CallerSession session, IvrScript.Menu menu) {
        String name = session.call().info().callId() + "-" + session.count("utterance");
        Optional<Character> key = session.call().recordUtterance(speech.asteriskDirectory() + "/" + name,
                speech.maxUtterance(), speech.silence(), menu.keys());
        if (key.isPresent()) {
            session.keep(key.get());
            return Optional.empty();
        }
        Path audio = speech.serviceDirectory().resolve(name + ".wav");
        List<String> keywords = menu.options().values().stream().flatMap(o -> o.keywords().stream()).toList();
        Optional<KeywordRecognizer.KeywordMatch> match;
        try {
            match = recognizer.recognize(audio, keywords);
        } catch (RuntimeException e) {
            log.warn("Speech recognition failed on call {} ({}); asking for a key instead",
                    session.call().info().callId(), Mask.inText(String.valueOf(e.getMessage())));
            match = Optional.empty();
        }
        if (match.isEmpty() || match.get().confidence() < speech.minConfidence()) {
            session.step(menu.name(), null, match.map(m -> "said " + m.keyword()).orElse(null),
                    match.map(m -> "unsure (" + Math.round(m.confidence() * 100) + "%)").orElse("not understood"));
            return Optional.empty();
        }
        String heard = match.get().keyword();
        for (IvrScript.Action option : menu.options().values()) {
            if (option.keywords().contains(heard)) {
                session.step(menu.name(), null, "said " + heard, describe(option));
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    static String describe(IvrScript.Action action) {
        if (action.isTransfer()) {
            return "to " + action.transfer() + (action.post() == null ? "" : " / post " + action.post());
        }
        if (action.hangup() != null) {
            return "goodbye";
        }
        return "go " + action.goTo();
    }
}
