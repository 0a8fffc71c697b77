package io.outcall.core.dnc;

import io.outcall.core.tenant.AuditEntry;
import io.outcall.core.tenant.Page;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The do-not-call lists as the admin API, the import and opt-outs change them; every change audited. */
public interface DoNotCallStore extends DoNotCallLookup {

    /**
     * Lists a number, with its audit entry in the same write.
     *
     * @return false when it was listed already (then nothing is written)
     */
    boolean add(DncEntry entry, AuditEntry audit);

    /** @return false when it was not listed (then nothing is written) */
    boolean remove(DncList list, String tenantId, String number, AuditEntry audit);

    Optional<DncEntry> find(DncList list, String tenantId, String number);

    /** One page in number order, after {@code afterNumber} (exclusive; null from the start). */
    Page<DncEntry> page(DncList list, String tenantId, String afterNumber, int limit);

    /** Which of {@code numbers} the list holds already. */
    Set<String> present(DncList list, String tenantId, Collection<String> numbers);

    /** Writes entries in batches, without conditions or audit (an import audits itself once). */
    void putAll(List<DncEntry> entries);

    void audit(AuditEntry audit);
}
