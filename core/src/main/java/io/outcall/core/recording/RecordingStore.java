package io.outcall.core.recording;

import io.outcall.core.tenant.AuditEntry;

/** A call's {@code recording} field: written by the bridge after a verified upload, removed by the API. */
public interface RecordingStore {

    /**
     * Writes the recording on a recorded call of {@code tenantId} that has none yet, and whose
     * recording was never deleted.
     *
     * @return false when the call is not there, not the tenant's, not recorded, already has one, or had one deleted
     */
    boolean stored(String callId, String tenantId, Recording recording);

    /**
     * Removes the call's recording field, marks it deleted (so a late upload never brings it back)
     * and writes {@code audit} in the tenant's audit log, together or not at all.
     *
     * @return false when the call had no recording (or is not the tenant's)
     */
    boolean removed(String callId, String tenantId, AuditEntry audit);
}
