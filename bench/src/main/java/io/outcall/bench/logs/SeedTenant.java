package io.outcall.bench.logs;

import java.util.List;
import java.util.SplittableRandom;

/** A tenant as the seed sees it: when it calls, from where, whom, and for which journeys. */
record SeedTenant(String id, int index, int calls, int utcOffsetHours, List<String> dids, String callerName,
                      String[] freshNumbers, String[] repeatNumbers, int journeys, int ringTimeoutSeconds,
                      String context) {

    String pickNumber(SplittableRandom r) {
        // Most numbers are called once or twice; a few (callbacks, retries, test lines) over and over.
        return r.nextDouble() < 0.3 ? repeatNumbers[r.nextInt(repeatNumbers.length)]
                : freshNumbers[r.nextInt(freshNumbers.length)];
    }
}
