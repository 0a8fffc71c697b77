package io.outcall.pbxsim;

import java.util.List;
import java.util.Random;

/**
 * Applies the variations ami-traces/README.md ("Ordering is NOT stable") and 20-concurrent-20-originates show:
 * <ul>
 *   <li>the OriginateResponse comes anywhere within its instant: before or after Newstate Up, DialEnd, the first
 *       UserEvent of the target context, or the Hangups of a failed call (never before the DialBegin that starts
 *       the dial);</li>
 *   <li>the two halves of a Local channel report their Hangup in either order;</li>
 *   <li>when the far end hangs up while AMD listens, AMD's VarSet AMDSTATUS/AMDCAUSE on {@code ;1} come after or
 *       before the far end's Hangup (ami-traces 43: after in run 1, before in runs 2 and 3).</li>
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
        maybeReportAmdBeforeFarEndHangup(burst);
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

    private void maybeReportAmdBeforeFarEndHangup(List<Burst.Entry> burst) {
        int status = -1;
        for (int i = 0; i + 1 < burst.size() && status < 0; i++) {
            if (burst.get(i).message().name().equals("VarSet")
                    && burst.get(i).message().text().contains("\r\nVariable: AMDSTATUS\r\n")) {
                status = i;
            }
        }
        if (status < 0) {
            return;
        }
        Channel peer = burst.get(status).channel().call.localPeer(burst.get(status).channel());
        int farEndHangup = indexOf(burst, "Hangup", peer);
        if (farEndHangup >= 0 && farEndHangup < status && random.nextBoolean()) {
            Burst.Entry amdStatus = burst.remove(status);
            Burst.Entry amdCause = burst.remove(status);   // AMDCAUSE always follows AMDSTATUS
            burst.add(farEndHangup, amdCause);
            burst.add(farEndHangup, amdStatus);
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
