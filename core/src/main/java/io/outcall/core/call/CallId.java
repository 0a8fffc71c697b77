package io.outcall.core.call;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Call ids are ULIDs: 26 characters of Crockford base32, the first 10 encoding the creation
 * millisecond. They sort by creation time as plain strings, which lets DynamoDB list a tenant's
 * calls newest first by sorting on the id, and they are safe in URLs and as Asterisk channel ids.
 */
public final class CallId {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 26;

    private final Clock clock;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = -1;
    private final byte[] lastRandom = new byte[10];

    public CallId(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public static CallId systemGenerator() {
        return new CallId(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * A new id, strictly greater than every id this generator gave before: within one millisecond
     * the random part is incremented instead of drawn again.
     */
    public String next() {
        lock.lock();
        try {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                for (int i = 0; i < lastRandom.length; i++) {
                    lastRandom[i] = (byte) random.nextInt(256);
                }
            } else {
                increment(lastRandom);
            }
            return encode(lastMillis, lastRandom);
        } finally {
            lock.unlock();
        }
    }

    /** The smallest id of the given instant: a lower bound for "created at or after". */
    public static String lowerBound(Instant at) {
        return encode(at.toEpochMilli(), new byte[10]);
    }

    /** The greatest id of the given instant's millisecond: an upper bound for "created at or before". */
    public static String upperBound(Instant at) {
        byte[] all = new byte[10];
        java.util.Arrays.fill(all, (byte) 0xFF);
        return encode(at.toEpochMilli(), all);
    }

    /** The creation time encoded in an id. */
    public static Instant createdAt(String callId) {
        if (!isWellFormed(callId)) {
            throw new IllegalArgumentException("not a call id: " + callId);
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            millis = (millis << 5) | indexOf(callId.charAt(i));
        }
        return Instant.ofEpochMilli(millis);
    }

    /**
     * Which of {@code shards} shards a call's items go to: the same for every write of the call on
     * every JVM (String.hashCode is specified), so a retried write hits the same item.
     */
    public static int shard(String callId, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, was " + shards);
        }
        return Math.floorMod(callId.hashCode(), shards);
    }

    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH || value.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void increment(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (++bytes[i] != 0) {
                return;
            }
        }
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String encode(long millis, byte[] randomPart) {
        char[] out = new char[LENGTH];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits as 16 base32 characters, most significant first.
        long hi = ((randomPart[0] & 0xFFL) << 32) | ((randomPart[1] & 0xFFL) << 24) | ((randomPart[2] & 0xFFL) << 16)
                | ((randomPart[3] & 0xFFL) << 8) | (randomPart[4] & 0xFFL);
        long lo = ((randomPart[5] & 0xFFL) << 32) | ((randomPart[6] & 0xFFL) << 24) | ((randomPart[7] & 0xFFL) << 16)
                | ((randomPart[8] & 0xFFL) << 8) | (randomPart[9] & 0xFFL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }
}
