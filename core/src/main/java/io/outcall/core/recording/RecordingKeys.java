package io.outcall.core.recording;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Where a call's recording lives in the audio bucket, and how long the bucket keeps it.
 *
 * <p>The key's year and month are those of the call's creation (UTC), which both the bridge (from
 * the queue message) and the API (from the call record) know, so the API needs no stored key.
 */
public final class RecordingKeys {

    /** The object tag the bucket's lifecycle rules read (template.yaml). */
    public static final String RETENTION_TAG = "outcall-retention";

    private RecordingKeys() {
    }

    public static String key(String tenantId, String callId, Instant callCreatedAt) {
        ZonedDateTime at = callCreatedAt.atZone(ZoneOffset.UTC);
        return "recordings/%s/%04d/%02d/%s.wav".formatted(tenantId, at.getYear(), at.getMonthValue(), callId);
    }

    /**
     * The retention tag for a tenant whose timelines are kept {@code retentionDays}: the shortest
     * of the bucket's rules (7, 30, 90 days) that keeps the recording at least as long as the
     * timeline; none (the bucket's 365-day maximum) when timelines are kept longer or for ever.
     */
    public static String retentionTag(Integer retentionDays) {
        if (retentionDays == null) {
            return null;
        }
        for (int days : new int[] {7, 30, 90}) {
            if (retentionDays <= days) {
                return days + "d";
            }
        }
        return null;
    }
}
