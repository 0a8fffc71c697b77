package io.outcall.core.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the sweeper judges a call stuck and what it does about it.
 *
 * @param queuedFor     a call QUEUED this long (since created, or since last enqueued again) is stuck
 * @param maxRequeues   how often a stuck call is enqueued again before it ends FAILED NEVER_DIALED
 * @param shards        shards of the QUEUED index; intake spreads new calls over as many
 * @param callsPerShard at most this many stuck calls per shard and run; the next run takes the rest
 */
public record SweepSettings(Duration queuedFor, int maxRequeues, int shards, int callsPerShard) {

    public static final Duration DEFAULT_QUEUED_FOR = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_REQUEUES = 3;
    public static final int DEFAULT_SHARDS = 8;
    public static final int DEFAULT_CALLS_PER_SHARD = 100;

    public SweepSettings {
        if (queuedFor.isNegative() || queuedFor.isZero()) {
            throw new IllegalArgumentException("queuedFor must be positive, was " + queuedFor);
        }
        if (maxRequeues < 0 || shards < 1 || callsPerShard < 1) {
            throw new IllegalArgumentException("maxRequeues must be 0 or more, shards and callsPerShard 1 or more; were "
                    + maxRequeues + ", " + shards + ", " + callsPerShard);
        }
    }

    public static SweepSettings defaults() {
        return new SweepSettings(DEFAULT_QUEUED_FOR, DEFAULT_MAX_REQUEUES, DEFAULT_SHARDS, DEFAULT_CALLS_PER_SHARD);
    }

    /**
     * From {@code SWEEP_QUEUED_AFTER_SECONDS}, {@code SWEEP_MAX_REQUEUES} and {@code QUEUED_INDEX_SHARDS},
     * each optional; a malformed one fails the start with its name and what it accepts.
     */
    public static SweepSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int seconds = whole(env.get("SWEEP_QUEUED_AFTER_SECONDS"), "SWEEP_QUEUED_AFTER_SECONDS",
                (int) DEFAULT_QUEUED_FOR.toSeconds(), 60, 86_400, problems);
        int requeues = whole(env.get("SWEEP_MAX_REQUEUES"), "SWEEP_MAX_REQUEUES", DEFAULT_MAX_REQUEUES, 0, 100, problems);
        int shards = queuedIndexShards(env.get("QUEUED_INDEX_SHARDS"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return new SweepSettings(Duration.ofSeconds(seconds), requeues, shards, DEFAULT_CALLS_PER_SHARD);
    }

    /** {@code QUEUED_INDEX_SHARDS} alone, for intake, which writes new calls into those shards. */
    public static int queuedIndexShards(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int shards = queuedIndexShards(env.get("QUEUED_INDEX_SHARDS"), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.getFirst());
        }
        return shards;
    }

    private static int queuedIndexShards(String value, List<String> problems) {
        return whole(value, "QUEUED_INDEX_SHARDS", DEFAULT_SHARDS, 1, 256, problems);
    }

    private static int whole(String value, String name, int absent, int min, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with what is accepted
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + " (default " + absent + "), was '"
                + value + "'");
        return absent;
    }
}
