package org.hotline12333.ivr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IVR.
 *
 * @param scriptsDirectory     where the menus, prompts.yaml, calendar.yaml and schema.json are
 * @param reloadInterval       how often the directory is checked for changed scripts
 * @param defaultMenu          the menu for calls whose AGI URL names none
 * @param greenChannel         callers who skip the menu and are queued with priority (绿色通道)
 * @param greenChannelGroup    the skill group green-channel callers go to
 * @param speech               speech navigation
 * @param selfService          {@code demo}: the sample directory in the service's own database; anything else: a
 *                             directory adapter provided by the deployment
 */
@ConfigurationProperties("hotline.ivr")
public record IvrProperties(@DefaultValue("./ivr-scripts") Path scriptsDirectory,
                            @DefaultValue("5s") Duration reloadInterval,
                            @DefaultValue("12333") String defaultMenu,
                            @DefaultValue List<GreenCaller> greenChannel,
                            @DefaultValue("general") String greenChannelGroup,
                            @DefaultValue Speech speech,
                            @DefaultValue("demo") String selfService) {

    /**
     * @param number   the caller's number as Asterisk presents it
     * @param priority queue priority, 1 and up (normal callers are 0)
     * @param label    what the agent sees, e.g. "large employer" or "elderly"
     */
    public record GreenCaller(String number, @DefaultValue("1") int priority, @DefaultValue("green channel") String label) {
    }

    /**
     * @param minConfidence   below this the IVR does not trust what it heard and asks for a key instead
     * @param maxUtterance    longest answer recorded
     * @param silence         silence that ends an answer
     * @param asteriskDirectory where Asterisk writes the answers (as the Asterisk node sees it)
     * @param serviceDirectory  the same directory as the service sees it
     */
    public record Speech(@DefaultValue("0.6") double minConfidence,
                         @DefaultValue("4s") Duration maxUtterance,
                         @DefaultValue("1s") Duration silence,
                         @DefaultValue("/var/spool/asterisk/monitor/hotline/ivr") String asteriskDirectory,
                         @DefaultValue("./data/ivr-utterances") Path serviceDirectory) {
    }
}
