package io.outcall.core.intake;

import java.util.Optional;

/** Retry keys of call requests. */
public interface IdempotencyStore {

    /**
     * Claims the record's key for its call.
     *
     * @return empty when the key was free and is now ours, or the record that already holds it
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord record);

    /**
     * Claims many keys (all distinct) at once, each as {@link #claim} does: at most one request
     * ever holds a key, however many retries of a batch race.
     */
    BatchClaims claimAll(java.util.List<IdempotencyRecord> records);

    /** Frees a key so a retry can try again, only if it still stands for {@code callId}. */
    void release(String key, String callId);
}
