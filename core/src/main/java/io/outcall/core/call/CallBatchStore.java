package io.outcall.core.call;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Call records many at a time: what batch intake writes and reads back in a few requests. */
public interface CallBatchStore {

    /**
     * Writes new calls without a condition each, so only for ids nobody else can know yet (fresh
     * ids of this batch). What the store leaves undone is retried; what still fails is returned.
     *
     * @return the calls that were not written (throttled through every retry, or the store failed)
     */
    List<Call> createAll(List<Call> calls);

    /** The calls found among {@code callIds}, by id; ids without a call are left out. */
    Map<String, Call> findAll(Collection<String> callIds);
}
