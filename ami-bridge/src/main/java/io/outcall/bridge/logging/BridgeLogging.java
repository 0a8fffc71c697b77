package io.outcall.bridge.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SLF4J backend of the bridge: one line per message on stderr, level from {@code LOG_LEVEL}.
 *
 * <p>asterisk-java drops AMI events when its dispatch queue is full and says so only in an error
 * log line; without a backend that line vanishes. Here every such line is also counted, and the
 * count is exported as a metric, so a lost event is never silent.
 */
public final class BridgeLogging implements SLF4JServiceProvider {

    /** asterisk-java's AsyncEventPump: "... Event queue is full, not processing ...", in this process. */
    private static final LongAdder ASTERISK_JAVA_QUEUE_FULL = new LongAdder();
    /**
     * The count of the AMI connection whose reader runs on this thread: the pump complains on the
     * reader's thread, so each bridge counts its own drops, whatever else runs in the process.
     */
    private static final ThreadLocal<LongAdder> READERS_QUEUE_FULL = new ThreadLocal<>();

    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Level threshold = parse(System.getenv("LOG_LEVEL"));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** AMI events (or responses) asterisk-java dropped because its queue was full, all connections of the process. */
    public static long asteriskJavaQueueFull() {
        return ASTERISK_JAVA_QUEUE_FULL.sum();
    }

    /** Runs an AMI connection's reader, counting into {@code queueFull} what asterisk-java drops from it. */
    public static void countingQueueFull(LongAdder queueFull, Runnable reader) {
        READERS_QUEUE_FULL.set(queueFull);
        try {
            reader.run();
        } finally {
            READERS_QUEUE_FULL.remove();
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, n -> new LineLogger(n, thresholdFor(n), System.err));
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    /**
     * asterisk-java's OriginateAction warns on every Originate whose timeout is under 100 s; that
     * matters only to synchronous originates, and at a thousand calls a second it would drown the log.
     */
    private Level thresholdFor(String logger) {
        if (logger.equals("org.asteriskjava.manager.action.OriginateAction") && threshold.toInt() < Level.ERROR.toInt()) {
            return Level.ERROR;
        }
        return threshold;
    }

    private static Level parse(String level) {
        try {
            return level == null ? Level.INFO : Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    private static final class LineLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Level threshold;
        private final transient PrintStream out;
        private final boolean eventPump;
        private final String shortName;

        LineLogger(String name, Level threshold, PrintStream out) {
            this.name = name;
            this.threshold = threshold;
            this.out = out;
            this.eventPump = name.endsWith("AsyncEventPump");
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
        }

        private boolean on(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
        @Override public boolean isTraceEnabled(org.slf4j.Marker m) { return on(Level.TRACE); }
        @Override public boolean isDebugEnabled() { return on(Level.DEBUG); }
        @Override public boolean isDebugEnabled(org.slf4j.Marker m) { return on(Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return on(Level.INFO); }
        @Override public boolean isInfoEnabled(org.slf4j.Marker m) { return on(Level.INFO); }
        @Override public boolean isWarnEnabled() { return on(Level.WARN); }
        @Override public boolean isWarnEnabled(org.slf4j.Marker m) { return on(Level.WARN); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public boolean isErrorEnabled(org.slf4j.Marker m) { return true; }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, org.slf4j.Marker marker, String pattern,
                                                   Object[] arguments, Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (eventPump && level == Level.ERROR && message != null && message.contains("queue is full")) {
                ASTERISK_JAVA_QUEUE_FULL.increment();
                LongAdder readers = READERS_QUEUE_FULL.get();
                if (readers != null) {
                    readers.increment();
                }
            }
            StringBuilder line = new StringBuilder(128).append(Instant.now()).append(' ').append(level).append(' ')
                    .append(shortName).append(" - ").append(message);
            synchronized (out) {
                out.println(line);
                if (throwable != null) {
                    throwable.printStackTrace(out);
                }
            }
        }
    }
}
