package io.outcall.pbxsim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An AMI server over real TCP that behaves like the Asterisk 22 of ami-traces/. Start it, point an AMI client at
 * {@link #port()}, originate to {@code Local/<number>@outbound}: the number's last digit picks the outcome.
 *
 * <pre>{@code
 * try (PbxSimulator pbx = PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.01).build())) {
 *     connect to pbx.port() ...
 *     pbx.restart();          // Shutdown event, sockets closed, fresh state
 *     pbx.dropConnections();  // sockets closed abruptly, state kept
 * }
 * }</pre>
 */
public final class PbxSimulator implements AutoCloseable {

    private final SimulatorConfig config;
    private final AmiEvents events = new AmiEvents();
    private final SessionRegistry sessions = new SessionRegistry();
    private final ScheduledThreadPoolExecutor scheduler;
    private final ServerSocket server;
    private final ManagerActions actions;
    private final AtomicLong sessionIds = new AtomicLong(1);
    private final OriginateLedger ledger = new OriginateLedger();
    private final Object restartLock = new Object();
    private volatile Boot boot;
    private volatile boolean closed;

    private PbxSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(2, Runtime.getRuntime().availableProcessors()),
                runnable -> {
                    Thread t = new Thread(runnable, "pbx-sim-timer");
                    t.setDaemon(true);
                    return t;
                });
        scheduler.setRemoveOnCancelPolicy(true); // Wait(600) timers of ended calls must not pile up
        this.boot = newBoot();
        this.actions = new ManagerActions(config, events, sessions, () -> boot, ledger);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 512);
    }

    /** Binds and starts accepting; the returned simulator is running. */
    public static PbxSimulator start(SimulatorConfig config) throws IOException {
        PbxSimulator simulator = new PbxSimulator(config);
        simulator.run();
        return simulator;
    }

    private void run() {
        Thread.ofPlatform().daemon().name("pbx-sim-accept").start(this::acceptLoop);
        long period = Math.max(5_000_000L, config.writeTimeout().toNanos() / 4);
        scheduler.scheduleAtFixedRate(() -> sessions.dropStalled(config.writeTimeout().toNanos()),
                period, period, TimeUnit.NANOSECONDS);
    }

    private Boot newBoot() {
        CallEnvironment env = new CallEnvironment(config, events, sessions, new ChannelRegistry(), new IdSource(),
                scheduler);
        return new Boot(new Pbx(env), System.nanoTime());
    }

    /** The bound port, useful when the config asked for port 0. */
    public int port() {
        return server.getLocalPort();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Channels alive right now (both halves of every Local pair count). */
    public int liveChannelCount() {
        return boot.pbx().liveChannelCount();
    }

    /** Originates accepted per ChannelId since the simulator started, restarts included. */
    public OriginateLedger originateLedger() {
        return ledger;
    }

    /** Decides for every Originate from now on whether it reaches the PBX; null restores the default. */
    public void originateGate(OriginateGate gate) {
        actions.gate(gate);
    }

    /** Connected manager sessions, logged in or not. */
    public int connectionCount() {
        return sessions.size();
    }

    /**
     * {@code core restart now} as trace 14 shows it: every channel gets SoftHangupRequest (cause 4) and Hangup
     * (cause 0), then after ~1.1 s (scaled) {@code Event: Shutdown}, then every socket is closed. Channel numbering
     * and Uptime start over; the listener stays open, so a reconnect gets a fresh banner and FullyBooted.
     * Blocks until done.
     */
    public void restart() {
        synchronized (restartLock) {
            boot.pbx().hangupEverything();
            sleepScaled(1100);
            sessions.publish(events.shutdown());
            boot = newBoot();
            sessions.closeAllAfterFlush();
        }
    }

    /**
     * Sends recorded AMI bytes to every logged-in session exactly as given: messages of a captured
     * stream (ami-traces/*.txt without its banner line), so a client's event path can be fed what a
     * real Asterisk sent, byte for byte, over a real socket.
     */
    public void replay(byte[] rawMessages) {
        sessions.publish(new AmiMessage("Replay", rawMessages.clone()));
    }

    /**
     * Current connections stay open but get nothing more, not even answers to Ping: a half-open
     * socket as the client sees it. New connections are served normally.
     */
    public void silenceConnections() {
        sessions.silenceAll();
    }

    /** Closes every client socket abruptly, no event, no response: {@code manager kick session} (trace 18). */
    public void dropConnections() {
        sessions.closeAll();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // we are shutting down anyway
        }
        sessions.closeAll();
        scheduler.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                ClientSession session = new ClientSession(socket, sessionIds.getAndIncrement(), actions,
                        sessions::remove);
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                if (!closed) {
                    // a failed accept of one client must not stop the listener
                    System.err.println("pbx-sim: accept failed: " + e);
                }
            }
        }
    }

    private void sleepScaled(long scriptMillis) {
        try {
            TimeUnit.NANOSECONDS.sleep(config.scaledNanos(scriptMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
