package io.outcall.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Time that passes only when the test says so: the key cache and the refetch limit, tested without waiting. */
final class HandClock extends Clock {

    private final AtomicLong epochMilli;

    HandClock(Instant start) {
        epochMilli = new AtomicLong(start.toEpochMilli());
    }

    void pass(Duration time) {
        epochMilli.addAndGet(time.toMillis());
    }

    @Override
    public long millis() {
        return epochMilli.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the verifier works in UTC");
    }
}
