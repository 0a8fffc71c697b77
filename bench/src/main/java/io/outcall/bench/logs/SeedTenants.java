package io.outcall.bench.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** The seed's tenants: one big one and the rest with shares falling off, each with its numbers, DIDs and journeys. */
final class SeedTenants {

    private SeedTenants() {
    }

    /** The big tenant first, then the others with shares falling off (a few larger, many small). */
    static List<SeedTenant> of(LogsOptions o, SplittableRandom r) {
        List<SeedTenant> tenants = new ArrayList<>();
        tenants.add(tenant(0, LogsApiBenchmark.BIG_TENANT, o.tenantCalls(), -5, 30_000, 500, 8, r));
        double[] weights = new double[o.tenants()];
        double sum = 0;
        for (int i = 0; i < o.tenants(); i++) {
            weights[i] = 1 / Math.pow(i + 1, 0.8);
            sum += weights[i];
        }
        int rest = o.calls() - o.tenantCalls();
        int assigned = 0;
        int[] offsets = {-8, -7, -6, -5, -4, -3, 0, 1, 2, 3, 5, 8, 9, 10};
        for (int i = 0; i < o.tenants(); i++) {
            int calls = i == o.tenants() - 1 ? rest - assigned : (int) Math.round(rest * weights[i] / sum);
            assigned += calls;
            int fresh = Math.max(50, (int) (calls * 0.7 / 1.4));
            int repeat = Math.max(5, calls / 60);
            tenants.add(tenant(i + 1, String.format(Locale.ROOT, "tenant-%02d", i + 1), calls,
                    offsets[r.nextInt(offsets.length)], fresh, repeat, 1 + r.nextInt(6), r));
        }
        return tenants;
    }

    private static final String[] AREA_CODES = {"404", "470", "678", "770", "312", "773", "415", "212", "646", "305",
            "713", "206", "617", "303", "602", "503"};
    private static final String[] CONTEXTS = {"DynamicIVR", "Survey", "Reminder", "Collections"};

    private static SeedTenant tenant(int index, String id, int calls, int utcOffsetHours, int fresh, int repeat, int journeys,
                                 SplittableRandom r) {
        List<String> dids = new ArrayList<>();
        int didCount = 1 + r.nextInt(4);
        for (int i = 0; i < didCount; i++) {
            dids.add(number(r));
        }
        String[] freshNumbers = new String[fresh];
        Arrays.setAll(freshNumbers, i -> number(r));
        String[] repeatNumbers = new String[repeat];
        Arrays.setAll(repeatNumbers, i -> number(r));
        return new SeedTenant(id, index, calls, utcOffsetHours, dids, index == 0 ? "Bench Corp" : "Tenant " + index,
                freshNumbers, repeatNumbers, journeys, r.nextInt(4) == 0 ? 45 : 30, CONTEXTS[r.nextInt(CONTEXTS.length)]);
    }

    /** A US number of a real area code with a dialable exchange (no N11, 555, 950, 958, 959, 976). */
    static String number(SplittableRandom r) {
        while (true) {
            int exchange = 200 + r.nextInt(800);
            if (exchange % 100 == 11 || exchange == 555 || exchange == 950 || exchange == 958 || exchange == 959
                    || exchange == 976) {
                continue;
            }
            return String.format(Locale.ROOT, "+1%s%03d%04d", AREA_CODES[r.nextInt(AREA_CODES.length)], exchange,
                    r.nextInt(10_000));
        }
    }
}
