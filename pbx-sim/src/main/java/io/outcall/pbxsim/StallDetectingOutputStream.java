package io.outcall.pbxsim;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Records when the current socket write started, so a watchdog can tell a client that stopped reading (its write
 * has been blocked on a full TCP window) from one that merely receives a lot. Asterisk applies its writetimeout per
 * write in the same way.
 */
final class StallDetectingOutputStream extends FilterOutputStream {

    private volatile long writingSince; // 0 when no write is in progress

    StallDetectingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writingSince = System.nanoTime() | 1L; // never 0 while writing
        try {
            out.write(b, off, len);
        } finally {
            writingSince = 0L;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    boolean blockedLongerThan(long nowNanos, long timeoutNanos) {
        long since = writingSince;
        return since != 0L && nowNanos - since > timeoutNanos;
    }
}
