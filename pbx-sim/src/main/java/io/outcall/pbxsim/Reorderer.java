package io.outcall.pbxsim;

import java.util.List;
import java.util.Random;

/**
 * Applies the variations ami-traces/README.md ("Ordering is NOT stable") and 20-concurrent-20-originates show:
 * <ul>
 *   <li>the OriginateResponse comes anywhere within its instant: before or after Newstate Up, DialEnd, the first
 *       UserEvent of the target context, or the Hangups of a failed call (never before the DialBegin that starts
 *       the dial);</li>
 *   <li>the two halves of a Local channel report their Hangup in either order.</li>
 * </ul>
 * Every other event keeps its place, so each channel's own events stay in causal order and the multiset of events
 * is unchanged.
 */
final class Reorderer {

    private final Random random;

    Reorderer(Random random) {
        this.random = random;
    }

    void apply(List<Burst.Entry> burst) {
        moveOriginateResponse(burst);
        maybeSwapPairHangups(burst);
    }

    private void moveOriginateResponse(List<Burst.Entry> burst) {
        int from = indexOf(burst, "OriginateResponse", null);
        if (from < 0) {
            return;
        }
        Burst.Entry or = burst.remove(from);
        int earliest = indexOf(burst, "DialBegin", null) + 1; // 0 when the dial began in an earlier instant
        int to = earliest + random.nextInt(burst.size() - earliest + 1);
        burst.add(to, or);
    }

    private void maybeSwapPairHangups(List<Burst.Entry> burst) {
        for (int i = 0; i < burst.size(); i++) {
            Burst.Entry first = burst.get(i);
            if (!first.message().name().equals("Hangup") || first.channel() == null) {
                continue;
            }
            Channel peer = first.channel().call.localPeer(first.channel());
            if (peer == null) {
                continue;
            }
            int j = indexOf(burst, "Hangup", peer);
            if (j > i && random.nextBoolean()) {
                // the earlier Hangup moves to just after its peer's; nothing of its own channel follows it
                burst.remove(i);
                burst.add(j, first);
                i = j; // past both
            }
        }
    }

    private static int indexOf(List<Burst.Entry> burst, String name, Channel channel) {
        for (int i = 0; i < burst.size(); i++) {
            Burst.Entry e = burst.get(i);
            if (e.message().name().equals(name) && (channel == null || e.channel() == channel)) {
                return i;
            }
        }
        return -1;
    }
}
