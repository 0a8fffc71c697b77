package io.outcall.core.dnc;

import io.outcall.core.phone.InvalidPhoneNumberException;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.AuditEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Imports a CSV of up to {@link #MAX_NUMBERS} numbers into a tenant's list: each line checked on
 * its own (a bad line is reported with its line number, value and reason, the others go on), the
 * numbers already listed found by batched reads, the new ones written by batched writes, a few
 * batches side by side so 100,000 numbers fit in an API request's time. One audit entry records
 * the import (who, how many); each number's item records who added it and when.
 *
 * <p>An import that fails half-way (the store unavailable) leaves what it wrote: the same file
 * imported again adds the rest and counts the others as already listed.
 */
public final class DncImport {

    public static final int MAX_NUMBERS = 100_000;
    /** Numbers one task reads or writes: 20 BatchWriteItems, 10 BatchGetItems. */
    private static final int CHUNK = 1_000;

    private final DoNotCallList list;
    private final DoNotCallStore store;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final int parallelism;

    /** @param parallelism how many batches are read or written at once */
    public DncImport(DoNotCallList list, DoNotCallStore store, PhoneNumbers phones, Clock clock, int parallelism) {
        this.list = list;
        this.store = store;
        this.phones = phones;
        this.clock = clock;
        this.parallelism = parallelism;
    }

    public ImportReport importCsv(String actor, String tenantId, String csv) {
        List<DncCsv.Line> lines = DncCsv.read(csv, MAX_NUMBERS);
        String region = list.region(tenantId);
        Instant now = clock.instant();
        List<ImportReport.Reject> rejected = new ArrayList<>();
        Map<String, DncEntry> unique = new LinkedHashMap<>();
        int repeated = 0;
        for (DncCsv.Line line : lines) {
            String problem = line.problem();
            String number = null;
            String reason = null;
            if (problem == null) {
                reason = line.columns().size() > 1 && !line.columns().get(1).isEmpty() ? line.columns().get(1) : null;
                try {
                    number = phones.toE164(line.columns().getFirst(), region);
                    DoNotCallList.checkReason(reason);
                } catch (InvalidPhoneNumberException e) {
                    problem = "the number " + e.getMessage();
                } catch (RuntimeException badReason) {
                    problem = "the reason must be 1 to " + DoNotCallList.MAX_REASON_LENGTH
                            + " characters without control characters";
                }
            }
            if (problem != null) {
                rejected.add(new ImportReport.Reject(line.number(), line.raw(), problem));
            } else if (unique.putIfAbsent(number, new DncEntry(DncList.TENANT, tenantId, number, reason, now, actor,
                    "import", null)) != null) {
                repeated++;
            }
        }
        Set<String> present = union(inChunks(List.copyOf(unique.keySet()),
                chunk -> store.present(DncList.TENANT, tenantId, chunk)));
        List<DncEntry> fresh = unique.values().stream().filter(e -> !present.contains(e.number())).toList();
        inChunks(fresh, chunk -> {
            store.putAll(chunk);
            return Set.of();
        });
        ImportReport report = new ImportReport(lines.size(), fresh.size(), present.size() + repeated, rejected);
        store.audit(new AuditEntry(tenantId, clock.instant(), actor, "dnc.imported", "import", List.of(
                new AuditEntry.Change("added", null, Integer.toString(report.added())),
                new AuditEntry.Change("alreadyListed", null, Integer.toString(report.alreadyListed())),
                new AuditEntry.Change("rejected", null, Integer.toString(rejected.size())))));
        return report;
    }

    /** Runs {@code task} on chunks of {@code items}, {@link #parallelism} at a time; their results together. */
    private <T> List<Set<String>> inChunks(List<T> items, Function<List<T>, Set<String>> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism),
                Thread.ofPlatform().name("dnc-import-", 0).daemon(true).factory())) {
            List<Future<Set<String>>> futures = new ArrayList<>();
            for (int from = 0; from < items.size(); from += CHUNK) {
                List<T> chunk = items.subList(from, Math.min(items.size(), from + CHUNK));
                futures.add(pool.submit(() -> task.apply(chunk)));
            }
            List<Set<String>> results = new ArrayList<>();
            for (Future<Set<String>> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the import was interrupted; import the file again", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Set<String> union(List<Set<String>> parts) {
        Set<String> all = new HashSet<>();
        parts.forEach(all::addAll);
        return all;
    }
}
