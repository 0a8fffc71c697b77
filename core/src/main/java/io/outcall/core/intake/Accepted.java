package io.outcall.core.intake;

import io.outcall.core.call.Call;

/** @param replayed true when a retry found the call an earlier attempt created */
public record Accepted(Call call, boolean replayed) {
}
