package io.outcall.pbxsim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The connected sessions, and the one place events fan out to them. Copy-on-write because sessions come and go
 * rarely while events are broadcast tens of thousands of times a second.
 */
final class SessionRegistry implements EventSink {

    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();

    void add(ClientSession session) {
        sessions.add(session);
    }

    void remove(ClientSession session) {
        sessions.remove(session);
    }

    @Override
    public void publish(AmiMessage event) {
        for (ClientSession s : sessions) {
            s.sendEvent(event);
        }
    }

    @Override
    public void publishAll(List<AmiMessage> events) {
        for (ClientSession s : sessions) {
            s.sendEvents(events);
        }
    }

    /** Closes every socket abruptly, like {@code manager kick session} or a dying Asterisk. */
    void closeAll() {
        for (ClientSession s : sessions) {
            s.close();
        }
    }

    /** Every current session goes silent but stays open (a half-open socket, seen from the client). */
    void silenceAll() {
        for (ClientSession s : sessions) {
            s.silence();
        }
    }

    /** Lets every session write what is queued (the Shutdown event), then closes it. */
    void closeAllAfterFlush() {
        for (ClientSession s : sessions) {
            s.closeAfterFlush();
        }
    }

    /** Drops clients whose socket write has been stuck too long (Asterisk's writetimeout, trace 17). */
    void dropStalled(long timeoutNanos) {
        long now = System.nanoTime();
        for (ClientSession s : sessions) {
            if (s.writeBlockedLongerThan(now, timeoutNanos)) {
                s.close();
            }
        }
    }

    int size() {
        return sessions.size();
    }
}
