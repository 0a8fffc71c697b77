package io.outcall.pbxsim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One manager connection. A reader thread parses actions and runs them one after another (so a synchronous
 * Originate blocks this session only, as in Asterisk); a single writer thread owns the socket's output, so call
 * timers only ever enqueue and never wait for a client.
 */
final class ClientSession {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

    /** Marker telling the writer to close the socket once everything before it is written. */
    private static final AmiMessage CLOSE = new AmiMessage("close", new byte[0]);

    private final Socket socket;
    private final SessionInfo info;
    private final ActionHandler handler;
    private final Consumer<ClientSession> onClosed;
    private final LinkedBlockingQueue<AmiMessage> outbox = new LinkedBlockingQueue<>();
    private volatile boolean silenced;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StallDetectingOutputStream socketOut;
    private final Object holdLock = new Object();

    private volatile String account;        // null until logged in
    private volatile boolean eventsOn = true;
    private volatile String challenge;      // set by Action: Challenge, used by an MD5 Login
    private List<AmiMessage> heldEvents;    // non-null while a synchronous Originate runs; guarded by holdLock

    /** Parses and runs one action for a session. */
    interface ActionHandler {
        void handle(ClientSession session, AmiAction action);
    }

    ClientSession(Socket socket, long id, ActionHandler handler, Consumer<ClientSession> onClosed)
            throws IOException {
        this.socket = socket;
        this.handler = handler;
        this.onClosed = onClosed;
        this.socketOut = new StallDetectingOutputStream(socket.getOutputStream());
        this.info = new SessionInfo("0x" + Long.toHexString(0x7f0000000000L + id * 0x10L),
                address(socket.getLocalSocketAddress()), address(socket.getRemoteSocketAddress()),
                ZonedDateTime.now());
    }

    private static String address(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress inet) {
            return "IPV4/TCP/" + inet.getAddress().getHostAddress() + "/" + inet.getPort();
        }
        return String.valueOf(a);
    }

    void start() {
        outbox.add(new AmiMessage("banner", BANNER.getBytes(StandardCharsets.US_ASCII)));
        Thread.ofVirtual().name("ami-writer-" + info.sessionId()).start(this::writeLoop);
        Thread.ofVirtual().name("ami-reader-" + info.sessionId()).start(this::readLoop);
    }

    SessionInfo info() {
        return info;
    }

    boolean isLoggedIn() {
        return account != null;
    }

    String account() {
        return account;
    }

    void loggedIn(String user, boolean wantsEvents) {
        this.eventsOn = wantsEvents;
        this.account = user;
    }

    String challenge() {
        return challenge;
    }

    void challenge(String value) {
        this.challenge = value;
    }

    void eventsOn(boolean on) {
        this.eventsOn = on;
    }

    /**
     * From now on nothing is answered or sent on this session, yet its socket stays open: what a
     * client sees of a half-open connection (a peer gone behind a NAT or a dead link).
     */
    void silence() {
        silenced = true;
    }

    /**
     * Responses and anything addressed to this session alone. Under the same lock as a burst of events,
     * so a response never lands in the middle of one: what was raised in one instant goes out together.
     */
    void send(AmiMessage message) {
        synchronized (holdLock) {
            if (!closed.get() && !silenced) {
                outbox.add(message);
            }
        }
    }

    /** Broadcast events; dropped unless logged in with events on, parked during a synchronous Originate. */
    void sendEvent(AmiMessage event) {
        sendEvents(List.of(event));
    }

    /** A burst of broadcast events (one simulated instant's), queued as one. */
    void sendEvents(List<AmiMessage> events) {
        if (account == null || !eventsOn) {
            return;
        }
        synchronized (holdLock) {
            if (heldEvents != null) {
                heldEvents.addAll(events);
                return;
            }
            events.forEach(this::send);
        }
    }

    /** Asterisk delivers events raised during a synchronous Originate only after its response (trace 15). */
    void holdEvents() {
        synchronized (holdLock) {
            heldEvents = new ArrayList<>();
        }
    }

    void releaseEvents() {
        synchronized (holdLock) {
            List<AmiMessage> held = heldEvents;
            heldEvents = null;
            if (held != null) {
                held.forEach(this::send);
            }
        }
    }

    /** Writes what is queued, then closes (Logoff, failed login). */
    void closeAfterFlush() {
        outbox.add(CLOSE);
    }

    /** Closes at once, mid-message if need be (kick, restart, slow consumer). */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            outbox.clear();
            outbox.add(CLOSE); // wake the writer
            onClosed.accept(this);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    boolean writeBlockedLongerThan(long nowNanos, long timeoutNanos) {
        return socketOut.blockedLongerThan(nowNanos, timeoutNanos);
    }

    private void readLoop() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024)) {
            AmiActionReader reader = new AmiActionReader(in);
            AmiAction action;
            while (!closed.get() && (action = reader.next()) != null) {
                if (!silenced) {
                    handler.handle(this, action);
                }
            }
        } catch (IOException ignored) {
            // the peer went away or we closed the socket; either way the session is over
        } finally {
            close();
        }
    }

    private void writeLoop() {
        try (BufferedOutputStream out = new BufferedOutputStream(socketOut, 64 * 1024)) {
            while (true) {
                AmiMessage message = outbox.take();
                // drain whatever else is queued into one buffer, then flush once: one syscall per burst
                while (message != null && message != CLOSE) {
                    out.write(message.bytes());
                    message = outbox.poll();
                }
                out.flush();
                if (message == CLOSE) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // socket closed under us (restart, kick, slow consumer)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }
}
