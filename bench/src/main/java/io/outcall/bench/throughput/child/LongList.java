package io.outcall.bench.throughput.child;

import java.util.Arrays;

/** A growable array of longs, synchronized (a handful of threads add, one reads at the end). */
final class LongList {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
