package io.outcall.pbxsim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a simulator instance needs, fixed at construction.
 *
 * @param bindAddress    address to listen on (loopback by default, like the traced manager.conf)
 * @param port           TCP port; 0 picks an ephemeral one, read it back with {@link PbxSimulator#port()}
 * @param username       the single manager account
 * @param secret         its secret (plain and MD5 challenge logins are both accepted)
 * @param timeScale      multiplier applied to every dialplan delay: 1.0 is real time, 0.01 plays a 1 s ring in 10 ms
 * @param reorder        whether and how events of one call are shuffled the ways real Asterisk does
 * @param writeTimeout   a write to a client blocked longer than this drops the client (Asterisk's writetimeout, 100 ms)
 * @param localContexts  contexts a {@code Local/<n>@<ctx>} channel may name; others fail like {@code @nosuchcontext}
 * @param unobservedNumbers dialed numbers whose calls AMI clients never hear about, but for their
 *                       OriginateResponse: the calls play out as usual and CoreShowChannels lists their channels
 *                       while they live, as when manager.conf filters a call's events or they are lost with a session
 * @param recordingSpool where a recorded call's {@code <CALL_ID>.wav} is written, as MixMonitor writes
 *                       {@code /var/spool/asterisk/monitor}; null writes none (the events are sent all the same)
 */
public record SimulatorConfig(
        String bindAddress,
        int port,
        String username,
        String secret,
        double timeScale,
        ReorderMode reorder,
        Duration writeTimeout,
        Set<String> localContexts,
        Set<String> unobservedNumbers,
        java.nio.file.Path recordingSpool) {

    public SimulatorConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(reorder, "reorder");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        localContexts = Set.copyOf(localContexts);
        unobservedNumbers = Set.copyOf(unobservedNumbers);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0: " + timeScale);
        }
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Script time (what the dialplan says) to wall-clock nanoseconds. */
    long scaledNanos(long scriptMillis) {
        return (long) (scriptMillis * 1_000_000L * timeScale);
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 5038;
        private String username = "admin";
        private String secret = "admin_password";
        private double timeScale = 1.0;
        private ReorderMode reorder = ReorderMode.off();
        private Duration writeTimeout = Duration.ofMillis(100);
        private Set<String> localContexts = Set.of("outbound");
        private Set<String> unobservedNumbers = Set.of();
        private java.nio.file.Path recordingSpool;

        private Builder() {
        }

        public Builder bindAddress(String value) { this.bindAddress = value; return this; }
        public Builder port(int value) { this.port = value; return this; }
        public Builder username(String value) { this.username = value; return this; }
        public Builder secret(String value) { this.secret = value; return this; }
        public Builder timeScale(double value) { this.timeScale = value; return this; }
        public Builder reorder(ReorderMode value) { this.reorder = value; return this; }
        public Builder writeTimeout(Duration value) { this.writeTimeout = value; return this; }
        public Builder localContexts(Set<String> value) { this.localContexts = value; return this; }
        /** Calls to these numbers (as dialed, e.g. {@code +17065551235}) send AMI nothing but their OriginateResponse. */
        public Builder unobservedNumbers(Set<String> value) { this.unobservedNumbers = value; return this; }

        /** Where recorded calls' WAV files go (MixMonitor's spool, shared with the bridge); null: none written. */
        public Builder recordingSpool(java.nio.file.Path value) { this.recordingSpool = value; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(bindAddress, port, username, secret, timeScale, reorder, writeTimeout,
                    localContexts, unobservedNumbers, recordingSpool);
        }
    }
}
