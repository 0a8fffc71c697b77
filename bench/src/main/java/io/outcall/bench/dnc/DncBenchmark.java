package io.outcall.bench.dnc;

import io.outcall.bench.common.Machine;
import io.outcall.core.dnc.DncEntry;
import io.outcall.core.dnc.DncImport;
import io.outcall.core.dnc.DncList;
import io.outcall.core.dnc.DoNotCallList;
import io.outcall.core.dnc.ImportReport;
import io.outcall.core.dynamo.DynamoDoNotCallStore;
import io.outcall.core.dynamo.DynamoTenantAdminStore;
import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.phone.PhoneNumbers;
import io.outcall.core.tenant.Tenant;
import io.outcall.localaws.LocalServices;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Do-not-call on DynamoDB Local: imports 100,000 numbers through the import the API runs (CSV
 * parsed, checked, batched reads and writes), then times lookups, the intake's and the bridge's one
 * BatchGetItem of a number's two keys, in three tenants whose lists hold 10, 10,000 and 100,000
 * numbers. Rounds alternate the tenants so drift favours none; half the numbers looked up are
 * listed. The 10-number list is the floor of the same run: a lookup that stays O(1) costs the
 * same with 100,000 (ratio near 1). Last line:
 *   dnc import_numbers=N import_s=X lookups=N p50_us_10=N p50_us_10k=N p50_us_100k=N
 *       mean_us_10=N mean_us_10k=N mean_us_100k=N ratio_100k_vs_10=X
 */
public final class DncBenchmark {

    private static final int[] SIZES = {10, 10_000, 100_000};

    public static void main(String[] args) {
        int lookups = args.length > 1 && args[0].equals("--lookups") ? Integer.parseInt(args[1]) : 3_000;
        int rounds = 5;
        System.out.println("dnc: machine load " + Machine.loadAverage() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores");
        try (LocalServices local = LocalServices.startInMemory()) {
            PhoneNumbers phones = new PhoneNumbers();
            DynamoDoNotCallStore store = new DynamoDoNotCallStore(local.dynamoDb(), "TenantsTable");
            DoNotCallList lists = new DoNotCallList(store, new DynamoTenantAdminStore(local.dynamoDb(), "TenantsTable"),
                    phones, Clock.systemUTC());
            DynamoTenantStore tenants = new DynamoTenantStore(local.dynamoDb(), "TenantsTable");
            String[] tenantIds = new String[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                tenantIds[i] = "dnc-bench-" + SIZES[i];
                tenants.put(new Tenant(tenantIds[i], "Bench", "US", List.of("DynamicIVR"), "DynamicIVR", List.of()));
            }
            // The small lists directly; the largest through the import, timed.
            for (int i = 0; i < SIZES.length - 1; i++) {
                List<DncEntry> entries = new ArrayList<>();
                for (int n = 0; n < SIZES[i]; n++) {
                    entries.add(new DncEntry(DncList.TENANT, tenantIds[i], number(n), null, Instant.now(), "bench", "import", null));
                }
                store.putAll(entries);
            }
            StringBuilder csv = new StringBuilder("number,reason\n");
            for (int n = 0; n < SIZES[SIZES.length - 1]; n++) {
                csv.append(number(n)).append(",bench\n");
            }
            long started = System.nanoTime();
            ImportReport report = new DncImport(lists, store, phones, Clock.systemUTC(), 16)
                    .importCsv("bench", tenantIds[SIZES.length - 1], csv.toString());
            double importSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("dnc: imported %,d numbers in %.1f s (%,d rejected, %,d already listed)%n", report.added(),
                    importSeconds, report.rejected().size(), report.alreadyListed());

            long[][] samples = new long[SIZES.length][];
            int perRound = lookups / rounds;
            for (int i = 0; i < SIZES.length; i++) {
                samples[i] = new long[perRound * rounds];
                lookUp(store, tenantIds[i], SIZES[i], 500, new long[500], new SplittableRandom(7)); // warm-up
            }
            SplittableRandom random = new SplittableRandom(42);
            long[] round = new long[perRound];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < SIZES.length; i++) {
                    lookUp(store, tenantIds[i], SIZES[i], perRound, round, random);
                    System.arraycopy(round, 0, samples[i], r * perRound, perRound);
                }
            }
            long[] p50 = new long[SIZES.length];
            long[] mean = new long[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                long[] sorted = samples[i].clone();
                Arrays.sort(sorted);
                p50[i] = sorted[sorted.length / 2] / 1_000;
                mean[i] = Arrays.stream(sorted).sum() / sorted.length / 1_000;
                System.out.printf("dnc: list of %,7d numbers: p50 %,d us, p99 %,d us, mean %,d us over %,d lookups%n",
                        SIZES[i], p50[i], sorted[(int) (sorted.length * 0.99)] / 1_000, mean[i], sorted.length);
            }
            System.out.printf("dnc import_numbers=%d import_s=%.1f lookups=%d p50_us_10=%d p50_us_10k=%d p50_us_100k=%d"
                            + " mean_us_10=%d mean_us_10k=%d mean_us_100k=%d ratio_100k_vs_10=%.2f%n",
                    report.added(), importSeconds, perRound * rounds, p50[0], p50[1], p50[2], mean[0], mean[1], mean[2],
                    (double) p50[2] / p50[0]);
        }
    }

    /** Times {@code count} lookups, half of listed numbers, half of numbers just past the list. */
    private static void lookUp(DynamoDoNotCallStore store, String tenantId, int size, int count, long[] nanos,
                               SplittableRandom random) {
        for (int k = 0; k < count; k++) {
            String number = number(k % 2 == 0 ? random.nextInt(size) : size + random.nextInt(size));
            long t0 = System.nanoTime();
            boolean listed = store.listed(tenantId, number).isPresent();
            nanos[k] = System.nanoTime() - t0;
            if (listed != (k % 2 == 0)) {
                throw new IllegalStateException(number + " of " + tenantId + " looked up " + listed);
            }
        }
    }

    /** The n-th number: valid NANP numbers +1 404 2xx xxxx onwards. */
    private static String number(int n) {
        return "+1404" + (2_000_000 + n);
    }
}
