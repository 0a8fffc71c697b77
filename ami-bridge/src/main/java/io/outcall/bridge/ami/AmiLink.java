package io.outcall.bridge.ami;

import io.outcall.bridge.health.BridgeMetrics;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.SendActionCallback;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.internal.BridgeManagerConnection;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's AMI session, kept alive. asterisk-java reconnects after a dropped socket, but not
 * after a failed first login, and a half-open socket never looks dropped; this class covers both:
 * it retries the first login with backoff, and a ping that goes unanswered drops the socket so
 * that asterisk-java's reconnect starts.
 * Every (re)connection is reported to {@link Observer#connected}, so the bridge can reconcile.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiLink.class);

    /** Hears about the link; called off asterisk-java's threads, may block briefly. */
    public interface Observer {
        void connected(boolean reconnect);

        void disconnected();
    }

    public record Settings(String host, int port, String user, String password, Duration pingInterval,
                           Duration pingTimeout) {
        @Override
        public String toString() {
            return user + "@" + host + ":" + port;
        }
    }

    private final Settings settings;
    private final ManagerEventListener events;
    private final Observer observer;
    private final ScheduledExecutorService scheduler;
    private final Executor background;
    private final BridgeMetrics metrics;
    private final AtomicLong pingsOutstandingSince = new AtomicLong();
    private volatile BridgeManagerConnection connection;
    private volatile boolean up;
    private volatile boolean everConnected;
    private volatile boolean closed;

    public AmiLink(Settings settings, ManagerEventListener events, Observer observer, ScheduledExecutorService scheduler,
                   Executor background, BridgeMetrics metrics) {
        this.settings = settings;
        this.events = events;
        this.observer = observer;
        this.scheduler = scheduler;
        this.background = background;
        this.metrics = metrics;
    }

    /** Connects in the background, retrying until it succeeds or the link is closed. */
    public void start() {
        scheduler.execute(this::connectUntilUp);
        long ping = settings.pingInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::ping, ping, ping, TimeUnit.MILLISECONDS);
    }

    public boolean isUp() {
        return up && connection != null && connection.getState() == ManagerConnectionState.CONNECTED;
    }

    public void originate(OriginateAction action, SendActionCallback callback) throws IOException {
        BridgeManagerConnection current = connection;
        if (current == null || !isUp()) {
            throw new IOException("AMI link to " + settings + " is down");
        }
        current.sendAction(action, callback);
    }

    public void hangup(String channel, int cause, SendActionCallback callback) throws IOException {
        BridgeManagerConnection current = connection;
        if (current == null || !isUp()) {
            throw new IOException("AMI link to " + settings + " is down");
        }
        current.sendAction(new HangupAction(channel, cause), callback);
    }

    /**
     * Live channel uniqueids per Linkedid, from CoreShowChannels. Blocks: never call it on
     * asterisk-java's threads or the tracker's.
     */
    public Map<String, Set<String>> liveChannelsByLinkedId() throws IOException {
        BridgeManagerConnection current = connection;
        if (current == null || !isUp()) {
            throw new IOException("AMI link to " + settings + " is down");
        }
        try {
            ResponseEvents response = current.sendEventGeneratingAction(new CoreShowChannelsAction(), 10_000);
            if (response.getResponse() instanceof ManagerError error) {
                throw new IOException("CoreShowChannels refused: " + error.getMessage());
            }
            Map<String, Set<String>> live = new HashMap<>();
            for (ResponseEvent event : response.getEvents()) {
                if (event instanceof CoreShowChannelEvent channel && channel.getLinkedid() != null) {
                    live.computeIfAbsent(channel.getLinkedid(), k -> new HashSet<>()).add(channel.getUniqueid());
                }
            }
            return live;
        } catch (TimeoutException e) {
            throw new IOException("CoreShowChannels timed out", e);
        }
    }

    private void connectUntilUp() {
        long backoffMillis = 250;
        while (!closed && !up) {
            BridgeManagerConnection candidate = new BridgeManagerConnection(metrics.asteriskJavaQueueFull);
            candidate.setHostname(settings.host());
            candidate.setPort(settings.port());
            candidate.setUsername(settings.user());
            candidate.setPassword(settings.password());
            candidate.setDefaultResponseTimeout(5_000);
            candidate.addEventListener(events);
            candidate.addEventListener(event -> {
                // Rare events: set a flag and hand the work to another thread, never block here.
                if (event instanceof ConnectEvent && connection == candidate) {
                    background.execute(() -> onConnected(true));
                } else if (event instanceof DisconnectEvent && connection == candidate) {
                    background.execute(() -> onDisconnected(candidate));
                }
            });
            try {
                candidate.login("on");
                connection = candidate;
                boolean reconnect = everConnected;
                everConnected = true;
                log.info("AMI connected to {}{}", settings, reconnect ? " (reconnected)" : "");
                onConnected(reconnect);
                return;
            } catch (AuthenticationFailedException e) {
                metrics.amiLoginsRefused.increment();
                log.error("AMI login to {} refused: check AMI_USER / AMI_PASSWORD and the permit lines of manager.conf;"
                        + " retrying in {} ms", settings, backoffMillis);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                metrics.amiUnreachable.increment();
                log.warn("AMI at {} unreachable ({}); retrying in {} ms", settings, e.getMessage(), backoffMillis);
            }
            safeLogoff(candidate);
            sleep(backoffMillis);
            backoffMillis = Math.min(10_000, backoffMillis * 2);
        }
    }

    /**
     * asterisk-java starts its reconnect before it hands the DisconnectEvent to listeners, and
     * queues it behind every event not yet dispatched: the session can be back before its loss is
     * heard of. Then the link must not be marked down (nothing would bring it up again), and what
     * the gap may have lost must still be reconciled, which the early ConnectEvent was not.
     */
    private synchronized void onDisconnected(BridgeManagerConnection lost) {
        if (lost.getState() == ManagerConnectionState.CONNECTED && !closed) {
            log.info("AMI session to {} was back before its loss was reported; reconciling it as a reconnect", settings);
            up = false;
            onConnected(true);
            return;
        }
        up = false;
        observer.disconnected();
    }

    private synchronized void onConnected(boolean reconnect) {
        if (up && reconnect && !closed) {
            return;
        }
        up = true;
        pingsOutstandingSince.set(0);
        if (reconnect) {
            metrics.reconnects.increment();
        }
        observer.connected(reconnect);
    }

    /**
     * A ping nobody answers means a half-open socket: asterisk-java would wait on it forever, so
     * the connection is dropped and a new one made.
     */
    private void ping() {
        BridgeManagerConnection current = connection;
        if (closed || current == null || !up) {
            return;
        }
        long since = pingsOutstandingSince.get();
        long now = System.nanoTime();
        if (since != 0 && now - since > settings.pingTimeout().toNanos()) {
            log.warn("AMI at {} did not answer a ping for {} ms; dropping the socket to reconnect", settings,
                    settings.pingTimeout().toMillis());
            up = false;
            pingsOutstandingSince.set(0);
            background.execute(() -> {
                observer.disconnected();
                current.dropSocket();
            });
            return;
        }
        if (since == 0) {
            pingsOutstandingSince.set(now);
        }
        try {
            current.sendAction(new PingAction(), response -> pingsOutstandingSince.set(0));
        } catch (IOException | IllegalStateException e) {
            // The reconnect logic of asterisk-java, or the next ping, deals with it.
        }
    }

    private static void safeLogoff(BridgeManagerConnection connection) {
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED
                    || connection.getState() == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
        } catch (RuntimeException ignored) {
            // Logging off a dead connection may fail; it is being discarded either way.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        up = false;
        BridgeManagerConnection current = connection;
        if (current != null) {
            safeLogoff(current);
        }
    }
}
