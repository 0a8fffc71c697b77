package org.asteriskjava.manager.internal;

import io.outcall.bridge.logging.BridgeLogging;

import java.util.concurrent.atomic.LongAdder;

// In asterisk-java's package only because createReader(Dispatcher, Object), the one way to swap the reader, takes a package-private type.
/**
 * asterisk-java's connection with two changes: its reader keeps every UserEvent and every ActionID
 * (see {@link BridgeEventBuilder}), and what it drops for a full queue is counted for this
 * connection.
 */
public final class BridgeManagerConnection extends ManagerConnectionImpl {

    private final LongAdder queueFull;

    /** @param queueFull counts the events and responses asterisk-java drops from this connection (its queue full) */
    public BridgeManagerConnection(LongAdder queueFull) {
        this.queueFull = queueFull;
    }

    /**
     * Closes the socket without a Logoff: on a half-open link a Logoff would only wait out its
     * timeout. The reader then sees the socket end and asterisk-java's own reconnect takes over.
     */
    public void dropSocket() {
        disconnect();
    }

    @Override
    protected ManagerReader createReader(Dispatcher dispatcher, Object source) {
        return BridgeEventBuilder.install(new ManagerReaderImpl(dispatcher, source) {
            @Override
            public void run() {
                // asterisk-java reports a drop only in a log line, written on this thread.
                BridgeLogging.countingQueueFull(queueFull, super::run);
            }
        });
    }
}
