package io.outcall.core.intake;

import java.util.Map;
import java.util.Set;

/**
 * What claiming the retry keys of a batch gave: every key not named here is now held for its call.
 *
 * @param held        keys another request holds already, with the record holding each
 * @param unavailable keys the store could not claim (throttled or down through every retry): their
 *                    calls must not be created, and a retry may claim them
 */
public record BatchClaims(Map<String, IdempotencyRecord> held, Set<String> unavailable) {

    public BatchClaims {
        held = Map.copyOf(held);
        unavailable = Set.copyOf(unavailable);
    }
}
