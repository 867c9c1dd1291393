package org.hotline12333.ivr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hotline12333.StartStopOrder;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.routing.CallRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scripts in service. Loaded at start and whenever a file in the directory changes: a valid script replaces
 * its old version for new calls (calls already in the IVR keep the version they started with); an invalid one is
 * refused with every problem logged, and the last good version stays in service.
 */
@Component
class ScriptLibrary implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScriptLibrary.class);

    private final IvrProperties properties;
    private final CallRouting routing;
    private final Alerts alerts;
    private volatile Map<String, IvrScript> scripts = Map.of();
    private volatile PromptCatalog prompts;
    private volatile OpeningCalendar calendar;
    private volatile List<ScriptProblem> problems = List.of();
    private volatile Instant loadedAt;
    private volatile Map<Path, FileTime> seen = Map.of();
    private volatile boolean running;

    private final Clock clock;

    ScriptLibrary(IvrProperties properties, CallRouting routing, Alerts alerts, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.routing = routing;
        this.alerts = alerts;
    }

    /** Loads the scripts once everything they refer to (skill groups, posts) is in place, before calls arrive. */
    @Override
    public void start() {
        reload();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.IVR_SCRIPTS;
    }

    Optional<IvrScript> script(String name) {
        return Optional.ofNullable(scripts.get(name));
    }

    Map<String, IvrScript> scripts() {
        return scripts;
    }

    OpeningCalendar calendar() {
        return calendar;
    }

    List<ScriptProblem> problems() {
        return problems;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    @Scheduled(fixedDelayString = "${hotline.ivr.reload-interval:5s}", initialDelayString = "${hotline.ivr.reload-interval:5s}")
    void reloadIfChanged() {
        if (!modificationTimes().equals(seen)) {
            reload();
        }
    }

    /** Reads the directory again; returns the problems found (empty when every script is in service). */
    synchronized List<ScriptProblem> reload() {
        Path directory = properties.scriptsDirectory();
        seen = modificationTimes();
        ScriptCompiler.Compiled compiled;
        try {
            compiled = ScriptCompiler.compile(directory, destinations());
        } catch (RuntimeException e) {
            log.error("Could not read IVR scripts from {}: {}; keeping the scripts in service", directory.toAbsolutePath(),
                    e.getMessage(), e);
            problems = List.of(new ScriptProblem(directory.toString(), 0, String.valueOf(e.getMessage())));
            alerts.raise(AlertKind.IVR_SCRIPT, directory.toString(), "IVR scripts could not be read: " + e.getMessage()
                    + "; the scripts in service stay");
            return problems;
        }
        problems = compiled.problems();
        if (!compiled.problems().isEmpty()) {
            log.error("IVR scripts in {} have {} problem(s); the last good version of each stays in service:\n{}",
                    directory.toAbsolutePath(), compiled.problems().size(), String.join("\n",
                            compiled.problems().stream().map(ScriptProblem::toString).toList()));
            alerts.raise(AlertKind.IVR_SCRIPT, directory.toString(), compiled.problems().size()
                    + " problem(s) in IVR scripts " + compiled.problems().stream().map(ScriptProblem::file).distinct()
                    .toList() + ", first: " + compiled.problems().get(0));
        }
        if (!compiled.sharedProblems().isEmpty() && prompts != null) {
            return problems;
        }
        Map<String, IvrScript> next = new HashMap<>(scripts);
        next.values().removeIf(script -> {
            boolean gone = !Files.exists(directory.resolve(script.file()));
            if (gone) {
                log.warn("IVR menu {} is out of service: {} was removed", script.name(), script.file());
            }
            return gone;
        });
        compiled.scripts().forEach((name, script) -> {
            IvrScript old = next.put(name, script);
            if (old == null || !old.version().equals(script.version())) {
                log.info("IVR menu {} version {} in service ({})", name, script.version(), script.file());
            }
        });
        scripts = Map.copyOf(next);
        prompts = compiled.prompts();
        calendar = compiled.calendar();
        loadedAt = clock.instant();
        return problems;
    }

    private ScriptCompiler.Destinations destinations() {
        return new ScriptCompiler.Destinations() {
            @Override
            public boolean skillGroupExists(String group) {
                return routing.skillGroupExists(group);
            }

            @Override
            public boolean postExists(String post) {
                return routing.postExists(post);
            }

            @Override
            public boolean queryExists(String query) {
                return SelfServiceDirectory.Query.byScriptName(query).isPresent();
            }
        };
    }

    private Map<Path, FileTime> modificationTimes() {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.list(properties.scriptsDirectory())) {
            for (Path file : files.toList()) {
                times.put(file, Files.getLastModifiedTime(file));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return times;
    }
}
