package io.outcall.core.recording;

/** A call's {@code recording} field: written by the bridge after a verified upload, removed by the API. */
public interface RecordingStore {

    /**
     * Writes the recording on a recorded call of {@code tenantId} that has none yet.
     *
     * @return false when the call is not there, not the tenant's, not recorded, or already has one
     */
    boolean stored(String callId, String tenantId, Recording recording);

    /** @return false when the call had no recording (or is not the tenant's) */
    boolean removed(String callId, String tenantId);
}
