package io.outcall.pbxsim;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one Asterisk "boot": Uniqueids ({@code <epoch seconds>.<sequence>}) and the 8-hex-digit Local
 * channel suffix. A restart makes a new one, so numbering starts over as it does after {@code core restart now}.
 */
final class IdSource {

    private final AtomicLong uniqueSequence = new AtomicLong();
    private final AtomicLong localSequence = new AtomicLong();

    String nextUniqueid() {
        return (System.currentTimeMillis() / 1000) + "." + uniqueSequence.getAndIncrement();
    }

    String nextLocalSuffix() {
        return String.format("%08x", localSequence.getAndIncrement());
    }

    String nextBridgeId() {
        return UUID.randomUUID().toString();
    }
}
