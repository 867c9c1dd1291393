package org.hotline12333;

import org.springframework.context.SmartLifecycle;

/**
 * The order in which the service's running parts start and stop, as Spring {@link SmartLifecycle} phases: a lower
 * phase starts earlier and stops later. Spring Boot's web server starts at {@code DEFAULT_PHASE - 2048} and its
 * graceful shutdown runs at {@code DEFAULT_PHASE - 1024}.
 *
 * <p>Starting: this instance's lease, then listening to the other instances and running their forwarded requests; then
 * the speech model, then what uses it (the transcription workers, the live spotting), then the IVR
 * scripts, then FastAGI takes calls that run those scripts; last the live floor, AMI and routing's timers. Stopping
 * goes the other way: AMI and routing's timers first, then the floor's streams are closed (else the web server's
 * graceful shutdown would wait for them), then FastAGI lets the calls in progress finish within its grace period,
 * then the transcription workers and the live spotting stop, and only then is the speech model closed (calls still
 * in progress may use it for keywords until then). Once every part using the database is gone, an embedded H2 file
 * database is closed ({@link EmbeddedDatabaseClose}), and only then its connection pool.
 */
public final class StartStopOrder {

    /** The instance's lease covers all it does: first to start, last to stop ({@code cluster.ServiceInstances}). */
    public static final int LEASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    /** Hearing other instances before taking calls, until no longer taking any ({@code cluster.ClusterMessages}). */
    public static final int CLUSTER_MESSAGES = SmartLifecycle.DEFAULT_PHASE - 3072;
    /** Running the requests other instances forward, while this one holds calls ({@code cluster.InstanceCommands}). */
    public static final int FORWARDED_REQUESTS = SmartLifecycle.DEFAULT_PHASE - 2048;

    /** Loaded first, closed last ({@code speech.VoskRecognizer}). */
    public static final int SPEECH_MODEL = SmartLifecycle.DEFAULT_PHASE - 2048;
    /** Stops before the model closes ({@code speech.TranscriptionQueue}). */
    public static final int TRANSCRIPTION = SmartLifecycle.DEFAULT_PHASE - 1536;
    /** Listens to calls in progress with the model; stops before it closes ({@code speech.LiveSpotting}). */
    public static final int LIVE_SPOTTING = SmartLifecycle.DEFAULT_PHASE - 1536;
    /** Loaded before FastAGI takes calls ({@code ivr.ScriptLibrary}). */
    public static final int IVR_SCRIPTS = SmartLifecycle.DEFAULT_PHASE - 1024;
    /** Stops before the web server, after AMI and the floor ({@code telephony.agi.FastAgiService}). */
    public static final int FASTAGI = SmartLifecycle.DEFAULT_PHASE - 512;
    /** Closes its streams before the web server's graceful shutdown ({@code supervision.FloorWorker}). */
    public static final int FLOOR = SmartLifecycle.DEFAULT_PHASE - 1;
    /** Spring's default: AMI connections and routing's timers start last and stop first. */
    public static final int AMI = SmartLifecycle.DEFAULT_PHASE;
    public static final int ROUTING_TIMERS = SmartLifecycle.DEFAULT_PHASE;

    private StartStopOrder() {
    }
}
