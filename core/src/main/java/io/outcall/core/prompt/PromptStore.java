package io.outcall.core.prompt;

import io.outcall.core.tenant.AuditEntry;

import java.util.List;
import java.util.Optional;

/** Tenants' prompt records. Every change an admin makes is written with its audit entry, in one transaction. */
public interface PromptStore {

    /**
     * Creates the prompt, or starts a new upload of one that is uploading or rejected.
     *
     * @throws PromptReadyException when a ready prompt has the name (delete it first)
     * @throws io.outcall.core.tenant.UnknownTenantException when the tenant does not exist
     */
    void startUpload(Prompt prompt, AuditEntry audit);

    Optional<Prompt> find(String tenantId, String name);

    List<Prompt> list(String tenantId);

    /** Ready, if still uploading this upload; false when it is not (deleted, or a newer upload started). */
    boolean markReady(String tenantId, String name, String uploadId, long durationMillis, java.time.Instant now);

    /** Rejected, if still uploading this upload; false when it is not. */
    boolean markRejected(String tenantId, String name, String uploadId, Rejection rejection, String detail,
                         java.time.Instant now);

    /** @return false when there was no such prompt */
    boolean delete(String tenantId, String name, AuditEntry audit);
}
