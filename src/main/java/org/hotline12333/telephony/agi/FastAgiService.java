package org.hotline12333.telephony.agi;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline12333.StartStopOrder;
import org.hotline12333.alert.Alerts;
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
 * first on shutdown, letting calls in progress finish within the grace period. It can be stopped and started
 * again; a port chosen at random (port 0) is kept across restarts.
 */
@Component
class FastAgiService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FastAgiService.class);

    private final AgiProperties properties;
    private final AgiSessions sessions;
    private final AgiGate gate;
    private final InetAddress address;
    private final ConfigurableEnvironment environment;
    private volatile CallPool pool;
    private volatile HotlineAgiServer server;
    private volatile int boundPort;
    private volatile boolean running;
    private volatile boolean stopping;

    FastAgiService(AgiProperties properties, AsteriskProperties asterisk, List<CallHandler> handlers,
                   CallRecords calls, ConfigurableEnvironment environment, Clock clock, Alerts alerts,
                   MeterRegistry meters) {
        this.properties = properties;
        this.environment = environment;
        this.address = address(properties.bindAddress());
        this.gate = new AgiGate(properties, clock, alerts);
        this.sessions = new AgiSessions(new AgiSession(byScript(handlers), calls, new NodeResolver(asterisk.nodes()),
                properties.promptPrefix(), () -> stopping, gate, AgiMetrics.turnaround(meters)));
        this.pool = new CallPool(properties.maxCalls(), properties.overflowCalls(), properties.virtualThreads());
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
        if (pool.isShutdown()) {
            pool = new CallPool(properties.maxCalls(), properties.overflowCalls(), properties.virtualThreads());
        }
        CountDownLatch listening = new CountDownLatch(1);
        HotlineAgiServer starting = new HotlineAgiServer(sessions, pool, gate, listening::countDown);
        starting.setAddress(address);
        starting.setPort(boundPort > 0 ? boundPort : properties.port());
        String[] failure = new String[1];
        Thread acceptor = new Thread(() -> {
            try {
                starting.startup();
            } catch (IOException | RuntimeException e) {
                failure[0] = e.toString();
                listening.countDown();
            }
        }, "agi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            if (!listening.await(10, TimeUnit.SECONDS) || failure[0] != null) {
                throw new IllegalStateException("FastAGI server could not listen on " + properties.bindAddress()
                        + ":" + properties.port() + ": " + failure[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the FastAGI server", e);
        }
        server = starting;
        boundPort = starting.getPort();
        stopping = false;
        running = true;
        // like local.server.port: the port actually bound, for hotline.agi.port=0
        environment.getPropertySources().addFirst(new MapPropertySource("hotline.agi.ports",
                Map.of("local.agi.port", boundPort)));
        log.info("FastAGI listening on {}:{} for up to {} calls at once, from {}", properties.bindAddress(), boundPort,
                properties.maxCalls(), gate.allowed());
        if (!address.isLoopbackAddress() && gate.allowed().loopbackOnly()) {
            log.warn("FastAGI listens on {} but takes connections from {} only: Asterisk on another host is refused "
                    + "until hotline.agi.allowed-peers (HOTLINE_AGI_ALLOWED_PEERS) lists its address, e.g. 10.0.0.5/32",
                    properties.bindAddress(), gate.allowed());
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

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.FASTAGI;
    }

    int port() {
        return boundPort;
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

    AgiGate gate() {
        return gate;
    }
}
