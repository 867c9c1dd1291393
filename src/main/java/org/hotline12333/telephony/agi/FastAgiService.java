package org.hotline12333.telephony.agi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.CallHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * Runs the FastAGI server with the application: it starts accepting calls once everything else is up and stops
 * first on shutdown, letting calls in progress finish within the grace period.
 */
@Component
class FastAgiService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FastAgiService.class);

    private final AgiProperties properties;
    private final CallPool pool;
    private final HotlineAgiServer server;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile String failure;

    private final ConfigurableEnvironment environment;

    FastAgiService(AgiProperties properties, AsteriskProperties asterisk, List<CallHandler> handlers,
                   CallRecords calls, ConfigurableEnvironment environment) {
        this.properties = properties;
        this.environment = environment;
        this.pool = new CallPool(properties.maxCalls(), properties.overflowCalls());
        AgiSession session = new AgiSession(byScript(handlers), calls, new NodeResolver(asterisk.nodes()),
                properties.promptPrefix(), () -> stopping);
        this.server = new HotlineAgiServer(new AgiSessions(session), pool, listening::countDown);
        server.setPort(properties.port());
        server.setAddress(address(properties.bindAddress()));
    }

    private static Map<String, CallHandler> byScript(List<CallHandler> handlers) {
        Map<String, CallHandler> byScript = new HashMap<>();
        for (CallHandler handler : handlers) {
            CallHandler clash = byScript.put(handler.script(), handler);
            if (clash != null) {
                throw new IllegalStateException("Two handlers for AGI script '" + handler.script() + "': "
                        + clash.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return Map.copyOf(byScript);
    }

    private static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new UncheckedIOException("hotline.agi.bind-address '" + bindAddress + "' is not an address", e);
        }
    }

    @Override
    public void start() {
        Thread acceptor = new Thread(this::accept, "agi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            if (!listening.await(10, TimeUnit.SECONDS) || failure != null) {
                throw new IllegalStateException("FastAGI server could not listen on " + properties.bindAddress()
                        + ":" + properties.port() + ": " + failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the FastAGI server", e);
        }
        running = true;
        // like local.server.port: the port actually bound, for hotline.agi.port=0
        environment.getPropertySources().addFirst(new MapPropertySource("hotline.agi.ports",
                Map.of("local.agi.port", port())));
        log.info("FastAGI listening on {}:{} for up to {} calls at once", properties.bindAddress(), port(),
                properties.maxCalls());
    }

    private void accept() {
        try {
            server.startup();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            listening.countDown();
        }
    }

    @Override
    public void stop() {
        running = false;
        stopping = true;
        log.info("FastAGI stops taking calls; {} in progress get up to {} s to finish", pool.active(),
                properties.shutdownGrace().toSeconds());
        server.shutdown();
        pool.shutdown(properties.shutdownGrace());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (whose graceful shutdown runs in a lower phase), after the database. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    int port() {
        return server.getPort();
    }

    int activeCalls() {
        return pool.active();
    }

    int maxCalls() {
        return pool.maxCalls();
    }

    long overflowed() {
        return pool.overflowed();
    }

    long refused() {
        return pool.refused();
    }
}
