package io.outcall.core.schedule;

import io.outcall.core.sweep.SweepSettings;

import java.time.Duration;
import java.util.Map;

/**
 * How the scheduler reads the due index and how hard it works.
 *
 * @param shards        shards of the due index (the same count as the index of waiting calls:
 *                      {@code QUEUED_INDEX_SHARDS}); intake spreads calls over as many
 * @param lookahead     a run enqueues the calls due before now plus this, each delayed until its
 *                      notBefore, so a call is on time although runs are a minute apart; at most
 *                      SQS's 900 s delay less a minute of slack. Five minutes by default, so a burst
 *                      (100,000 calls due in one minute) is moved and sent by runs that start four
 *                      minutes before it is due, not by one that must finish within the minute
 *                      itself; such a call shows QUEUED (delayed on the queue) up to that long before
 *                      its notBefore, and is canceled, and checked against its window and the
 *                      do-not-call lists by the bridge, as any queued call
 * @param callsPerShard at most this many calls per shard and run; the next run takes the rest
 * @param threads       shards queried and chunks of a hundred calls enqueued at once: the threads
 *                      mostly wait on DynamoDB and SQS, so the function's 1024 MB (under one vCPU)
 *                      runs 8 of them; a chunk's messages are sent while other chunks are written
 */
public record ScheduleSettings(int shards, Duration lookahead, int callsPerShard, int threads) {

    public static final Duration DEFAULT_LOOKAHEAD = Duration.ofMinutes(5);
    static final String LOOKAHEAD_VARIABLE = "SCHEDULE_LOOKAHEAD_SECONDS";
    public static final Duration MAX_LOOKAHEAD = Duration.ofSeconds(840);
    public static final int DEFAULT_CALLS_PER_SHARD = 100_000;
    public static final int DEFAULT_THREADS = 8;

    public ScheduleSettings {
        if (shards < 1 || callsPerShard < 1 || threads < 1) {
            throw new IllegalArgumentException("shards, callsPerShard and threads must be 1 or more; were " + shards
                    + ", " + callsPerShard + ", " + threads);
        }
        if (lookahead.isNegative() || lookahead.compareTo(MAX_LOOKAHEAD) > 0) {
            throw new IllegalArgumentException("lookahead must be from 0 to " + MAX_LOOKAHEAD.toSeconds()
                    + " seconds, was " + lookahead);
        }
    }

    public static ScheduleSettings defaults() {
        return new ScheduleSettings(SweepSettings.DEFAULT_SHARDS, DEFAULT_LOOKAHEAD, DEFAULT_CALLS_PER_SHARD,
                DEFAULT_THREADS);
    }

    /**
     * From {@code QUEUED_INDEX_SHARDS} (optional, as intake and the sweeper read it) and
     * {@code SCHEDULE_LOOKAHEAD_SECONDS} (optional, 0 to 840); the rest are the defaults.
     */
    public static ScheduleSettings fromEnvironment(Map<String, String> env) {
        Duration lookahead = DEFAULT_LOOKAHEAD;
        String seconds = env.get(LOOKAHEAD_VARIABLE);
        if (seconds != null && !seconds.isBlank()) {
            try {
                lookahead = Duration.ofSeconds(Long.parseLong(seconds.strip()));
            } catch (NumberFormatException e) {
                lookahead = null;
            }
            if (lookahead == null || lookahead.isNegative() || lookahead.compareTo(MAX_LOOKAHEAD) > 0) {
                throw new IllegalArgumentException(LOOKAHEAD_VARIABLE + " must be a number of seconds from 0 to "
                        + MAX_LOOKAHEAD.toSeconds() + " (SQS delays a message at most 900 s), was '" + seconds + "'");
            }
        }
        return new ScheduleSettings(SweepSettings.queuedIndexShards(env), lookahead, DEFAULT_CALLS_PER_SHARD,
                DEFAULT_THREADS);
    }
}
