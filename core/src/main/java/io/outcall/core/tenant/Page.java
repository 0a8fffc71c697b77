package io.outcall.core.tenant;

import java.util.List;

/** One page of a listing; {@code next} is the opaque cursor of the following page, null on the last. */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
