package io.outcall.core.stats;

import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.dynamo.StatsItems;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsBucketTest {

    private static final Instant HOUR = Instant.parse("2026-11-24T08:00:00Z");
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void figuresOfAnEmptyBucketAreAbsentNotZero() {
        StatsBucket empty = StatsBucket.empty(HOUR);
        assertNull(empty.answerRate());
        assertNull(empty.averageRingSeconds());
        assertNull(empty.p90RingSeconds());
        assertNull(empty.averageTalkSeconds());
    }

    @Test
    void p90IsTheNearestRankOverWholeSecondsAcrossMergedBuckets() {
        // Ring times 1..10 s spread over two buckets: the 9th of 10 is 9 s, not an average of percentiles.
        StatsBucket first = StatsBucket.empty(HOUR);
        StatsBucket second = StatsBucket.empty(HOUR.plusSeconds(3600));
        for (int ring = 1; ring <= 10; ring++) {
            CountedCall call = new CountedCall("t", HOUR, CallStatus.NO_ANSWER, Disposition.NO_ANSWER, ring, null);
            if (ring % 2 == 0) {
                first = first.plus(call);
            } else {
                second = second.plus(call);
            }
        }
        StatsBucket total = first.plus(second);
        assertEquals(9, total.p90RingSeconds());
        assertEquals(5.5, total.averageRingSeconds());
        assertEquals(HOUR, total.start());
        assertEquals(10, first.p90RingSeconds(), "bucket of 2,4,6,8,10: the 5th of 5");
    }

    @Test
    void answerRateAndTalkCountOnlyWhatHappened() {
        StatsBucket bucket = StatsBucket.empty(HOUR)
                .plus(new CountedCall("t", HOUR, CallStatus.COMPLETED, Disposition.ANSWERED, 4, 60))
                .plus(new CountedCall("t", HOUR, CallStatus.CANCELED, Disposition.ANSWERED, 2, 20))
                .plus(new CountedCall("t", HOUR, CallStatus.BUSY, Disposition.BUSY, null, null))
                .plus(new CountedCall("t", HOUR, CallStatus.FAILED, Disposition.FAILED, null, null));
        assertEquals(0.5, bucket.answerRate(), "answered dispositions over all final calls");
        assertEquals(40.0, bucket.averageTalkSeconds(), "over the two calls that talked");
        assertEquals(3.0, bucket.averageRingSeconds(), "over the two calls that rang");
        assertEquals(1L, bucket.byStatus().get(CallStatus.CANCELED));
        assertEquals(2L, bucket.byDisposition().get(Disposition.ANSWERED));
    }

    @Test
    void ringsLongerThanTheCapShareTheLastBin() {
        StatsBucket bucket = StatsBucket.empty(HOUR)
                .plus(new CountedCall("t", HOUR, CallStatus.NO_ANSWER, Disposition.NO_ANSWER, 5_000, null));
        assertEquals(StatsBucket.RING_HISTOGRAM_CAP, bucket.p90RingSeconds());
        assertEquals(5_000.0, bucket.averageRingSeconds(), "the average keeps the exact sum");
    }

    @Test
    void onlyFinalCallsAreCounted() {
        assertThrows(IllegalArgumentException.class,
                () -> new CountedCall("t", HOUR, CallStatus.RINGING, null, null, null));
    }

    @Test
    void aBucketSurvivesItsItemLayout() {
        StatsBucket bucket = StatsBucket.empty(HOUR)
                .plus(new CountedCall("t", HOUR, CallStatus.COMPLETED, Disposition.ANSWERED, 4, 60))
                .plus(new CountedCall("t", HOUR, CallStatus.NO_ANSWER, Disposition.NO_ANSWER, 30, null));
        for (int shard = 0; shard < StatsItems.SHARDS; shard++) {
            assertEquals(bucket, StatsItems.fromItem(StatsInterval.HOUR, StatsItems.toItem("t", StatsInterval.HOUR, bucket, shard)),
                    "shard " + shard + " keeps the bucket's start");
            StatsBucket day = StatsBucket.empty(DAY).plus(bucket);
            assertEquals(day, StatsItems.fromItem(StatsInterval.DAY, StatsItems.toItem("t", StatsInterval.DAY, day, shard)));
        }
    }
}
