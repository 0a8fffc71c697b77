package io.outcall.pbxsim;

/**
 * Real Asterisk publishes a call's events from several threads, so their order on the wire varies from run to run
 * (ami-traces/README.md, "Ordering is NOT stable"). When enabled, each call draws its variations from a generator
 * seeded with {@code seed} and the call's sequence number, so one call's order is reproducible for a given seed.
 */
public record ReorderMode(boolean enabled, long seed) {

    public static ReorderMode off() {
        return new ReorderMode(false, 0L);
    }

    public static ReorderMode seeded(long seed) {
        return new ReorderMode(true, seed);
    }
}
