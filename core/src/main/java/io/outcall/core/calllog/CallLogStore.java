package io.outcall.core.calllog;

import io.outcall.core.call.Call;

import java.util.List;

/** A tenant's calls, newest first, read from an index that fits the filter: never a scan. */
public interface CallLogStore {

    /**
     * Up to {@code limit} calls of the tenant matching the filter, created before the call
     * {@code afterCallId} (all, when null).
     *
     * @param maxItemsRead when a filter is not served by the index, items that do not match are
     *                     read and skipped; a page stops short after this many reads
     */
    CallPage page(String tenantId, CallLogFilter filter, int limit, String afterCallId, int maxItemsRead);

    /**
     * @param resumeAfter where the next page starts (exclusive); null when there are no more calls
     * @param itemsRead   how many items the page cost to read
     */
    record CallPage(List<Call> calls, String resumeAfter, int itemsRead) {
    }
}
