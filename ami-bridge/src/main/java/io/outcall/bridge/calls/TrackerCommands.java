package io.outcall.bridge.calls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work other threads hand to the tracker thread, which runs it between batches of events: the
 * only way anything but that thread touches a followed call.
 */
final class TrackerCommands {

    private static final Logger log = LoggerFactory.getLogger(TrackerCommands.class);

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();

    /** From any thread; returns at once. */
    void submit(Runnable command) {
        queue.add(command);
    }

    /** On the tracker thread: everything submitted so far, in order. */
    void runAll() {
        for (Runnable command; (command = queue.poll()) != null; ) {
            try {
                command.run();
            } catch (RuntimeException e) {
                // As with events: one failed command must not stop this thread, which follows every call.
                log.error("a tracker command failed; continuing", e);
            }
        }
    }
}
