package io.outcall.core.calllog;

import io.outcall.core.call.Call;

import java.util.List;

/** Lists a tenant's calls a page at a time, with cursors that only that tenant can use. */
public final class CallLog {

    /** A filtered page reads at most this many items, then returns what it found with a cursor. */
    static final int MAX_ITEMS_READ = 1_000;

    private final CallLogStore store;
    private final CursorCodec cursors;

    public CallLog(CallLogStore store, CursorCodec cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    public Page list(String tenantId, CallLogQuery query) {
        String after = query.cursor() == null ? null : cursors.open(query.cursor(), tenantId, query.filter());
        CallLogStore.CallPage page = store.page(tenantId, query.filter(), query.limit(), after, MAX_ITEMS_READ);
        String next = page.resumeAfter() == null ? null : cursors.seal(tenantId, query.filter(), page.resumeAfter());
        return new Page(page.calls(), next, page.itemsRead());
    }

    /** @param nextCursor null on the last page */
    public record Page(List<Call> calls, String nextCursor, int itemsRead) {
    }
}
