package io.outcall.bench.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.outcall.bench.common.Machine;
import io.outcall.core.stats.StatsBucket;
import io.outcall.core.stats.StatsInterval;
import io.outcall.functions.FunctionConfig;
import io.outcall.functions.ReadWiring;
import io.outcall.functions.calllog.CallStatsHandler;
import io.outcall.functions.calllog.ListCallsHandler;
import io.outcall.localaws.LocalServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The requests measured, all for the big tenant, through {@link ListCallsHandler} and {@link CallStatsHandler}
 * (wired by {@link ReadWiring#of} on their own DynamoDB client, with an {@link ItemsReadCounter}), each answer
 * checked against the seed; returns the report, whose last line is the benchmark's.
 */
final class ReadMeasurements {

    private static final String CURSOR_KEY = "logs-api-benchmark-cursor-key-not-a-secret-0123456789";

    private final LogsOptions o;
    private final Instant now;

    ReadMeasurements(LogsOptions o, Instant now) {
        this.o = o;
        this.now = now;
    }

    List<String> measure(LocalServices local, Seeded seeded) throws IOException {
        ItemsReadCounter counter = new ItemsReadCounter();
        // The handlers' own client, as LocalAws builds one, plus the counting interceptor.
        DynamoDbClient counted = DynamoDbClient.builder()
                .endpointOverride(local.dynamoDbServer().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(counter))
                .build();
        FunctionConfig config = new FunctionConfig(Region.US_EAST_1, Seeder.CALLS_TABLE, "TenantsTable", "IdempotencyTable",
                "CallEventsTable", Seeder.STATS_TABLE, local.queueUrl("OriginateQueue"), "tenant_id", CURSOR_KEY, null, null);
        ReadWiring wiring = ReadWiring.of(config, counted);
        ListCallsHandler listHandler = new ListCallsHandler(wiring);
        CallStatsHandler statsHandler = new CallStatsHandler(wiring);
        TimedRequests.Endpoint list = listHandler::handle;
        TimedRequests.Endpoint stats = statsHandler::handle;

        System.out.println();
        System.out.printf(Locale.ROOT, "measuring through ListCallsHandler and CallStatsHandler in-process (%d warm-up"
                + " requests then %d timed for the headline figures; load average %s)%n", o.warmUp(), o.repetitions(), Machine.loadAverage());
        List<Result> results = new ArrayList<>();

        // GET /calls: the first page, no filters.
        Result page = TimedRequests.time("first page, no filter", list, "/calls", Map.of(), o.warmUp(), o.repetitions(), counter,
                body -> {
                    JsonNode calls = body.path("calls");
                    TimedRequests.require(calls.size() == 25, "the first page has " + calls.size() + " calls, not 25");
                    TimedRequests.require(calls.get(0).path("callId").asText().equals(seeded.newestCallId()),
                            "the first page does not start with the newest call " + seeded.newestCallId());
                    TimedRequests.require(body.hasNonNull("nextCursor"), "the first page has no nextCursor");
                    return calls.size() + " calls, newest first, nextCursor";
                });
        results.add(page);

        // A page deep in the list: follow nextCursor, then time that page.
        String cursor = null;
        for (int i = 0; i < o.deepPages(); i++) {
            Map<String, String> params = cursor == null ? Map.of() : Map.of("cursor", cursor);
            JsonNode body = TimedRequests.call(list, "/calls", params);
            cursor = body.path("nextCursor").asText(null);
            TimedRequests.require(cursor != null, "page " + (i + 1) + " has no nextCursor");
        }
        int deepPage = o.deepPages() + 1;
        results.add(TimedRequests.time(String.format(Locale.ROOT, "page %d (cursor after %,d calls)", deepPage, o.deepPages() * 25), list,
                "/calls", Map.of("cursor", cursor), Math.min(5, o.warmUp()), Math.max(10, o.repetitions() / 2), counter,
                body -> {
                    TimedRequests.require(body.path("calls").size() == 25, "page " + deepPage + " has " + body.path("calls").size() + " calls");
                    return body.path("calls").size() + " calls, created " + body.path("calls").get(0).path("createdAt").asText()
                            .substring(0, 10);
                }));

        results.add(TimedRequests.time("first page, status=COMPLETED", list, "/calls", Map.of("status", "COMPLETED"), Math.min(5, o.warmUp()),
                Math.max(10, o.repetitions() / 2), counter, body -> {
                    JsonNode calls = body.path("calls");
                    TimedRequests.require(calls.size() == 25, "the COMPLETED page has " + calls.size() + " calls");
                    for (JsonNode c : calls) {
                        TimedRequests.require(c.path("status").asText().equals("COMPLETED"), "the COMPLETED page holds a " + c.path("status"));
                    }
                    return calls.size() + " calls, all COMPLETED";
                }));

        int expected = Math.min(25, seeded.hotNumberCompleted());
        results.add(TimedRequests.time("status=COMPLETED&number=" + seeded.hotNumber(), list, "/calls",
                Map.of("status", "COMPLETED", "number", seeded.hotNumber()), Math.min(5, o.warmUp()),
                Math.max(10, o.repetitions() / 2), counter, body -> {
                    JsonNode calls = body.path("calls");
                    TimedRequests.require(calls.size() == expected, "the two-filter page has " + calls.size() + " calls, expected " + expected);
                    for (JsonNode c : calls) {
                        TimedRequests.require(c.path("status").asText().equals("COMPLETED") && c.path("to").asText().equals(seeded.hotNumber()),
                                "the two-filter page holds a call that does not match: " + c);
                    }
                    return String.format(Locale.ROOT, "%d calls (the number has %d calls, %d COMPLETED)%s", calls.size(),
                            seeded.hotNumberCalls(), seeded.hotNumberCompleted(), body.hasNonNull("nextCursor") ? ", nextCursor" : "");
                }));

        // GET /calls/stats.
        Instant to = now;
        Instant from = now.minus(Duration.ofDays(30));
        Instant dayFrom = StatsInterval.DAY.floor(from);
        Instant dayTo = StatsInterval.DAY.ceiling(to);
        long expectedCalls = seeded.bigTenantDays().subMap(dayFrom, dayTo).values().stream().mapToLong(StatsBucket::calls).sum();
        Result daily = TimedRequests.time("stats 30 days, interval=day", stats, "/calls/stats",
                Map.of("from", from.toString(), "to", to.toString(), "interval", "day"), o.warmUp(), o.repetitions(), counter,
                body -> statsAnswer(body, expectedCalls));
        results.add(daily);
        results.add(TimedRequests.time("stats 30 days, interval=hour", stats, "/calls/stats",
                Map.of("from", from.toString(), "to", to.toString(), "interval", "hour"), Math.min(5, o.warmUp()),
                Math.max(10, o.repetitions() / 2), counter, body -> statsAnswer(body, -1)));
        // 92 whole UTC days, the longest range the API takes (now-92d..now would widen to 93 days).
        Instant longTo = StatsInterval.DAY.ceiling(now);
        Instant longFrom = longTo.minus(Duration.ofDays(92));
        long expectedLong = seeded.bigTenantDays().subMap(longFrom, longTo).values().stream().mapToLong(StatsBucket::calls).sum();
        results.add(TimedRequests.time("stats 92 days, interval=day", stats, "/calls/stats",
                Map.of("from", longFrom.toString(), "to", longTo.toString(), "interval", "day"), Math.min(5, o.warmUp()),
                Math.max(10, o.repetitions() / 2), counter, body -> statsAnswer(body, expectedLong)));

        List<String> summary = new ArrayList<>();
        summary.add("");
        summary.add(String.format(Locale.ROOT, "report: %,d calls (%,d for %s), %,d counter items; DynamoDB Local in this JVM;"
                        + " load average %s", seeded.calls(), o.tenantCalls(), LogsApiBenchmark.BIG_TENANT, seeded.counterItems(), Machine.loadAverage()));
        summary.add(Result.HEADER);
        summary.add("  GET /calls, " + LogsApiBenchmark.BIG_TENANT + ", limit 25");
        results.subList(0, 4).forEach(result -> summary.add(result.describe()));
        summary.add("  GET /calls/stats, " + LogsApiBenchmark.BIG_TENANT);
        results.subList(4, results.size()).forEach(result -> summary.add(result.describe()));
        summary.add("  median/p90/min/max: handler call to response, in-process, over n timed requests; items read: what"
                + " DynamoDB read for one request");
        summary.add("  (ScannedCount seen by an SDK interceptor on the handlers' client; a range where the timed requests"
                + " differed); requests: DynamoDB requests per API request; size: the response body");
        summary.add(String.format(Locale.ROOT, "logs page_ms=%s page_items_read=%d stats_ms=%s stats_items_read=%d",
                figure(page.medianMs()), page.itemsRead(), figure(daily.medianMs()), daily.itemsRead()));
        return summary;
    }

    private static String statsAnswer(JsonNode body, long expectedCalls) {
        long calls = body.path("total").path("calls").asLong(-1);
        if (expectedCalls >= 0) {
            TimedRequests.require(calls == expectedCalls, "statistics total " + calls + " calls; the seed counted " + expectedCalls);
        }
        return String.format(Locale.ROOT, "%d buckets, %,d calls%s", body.path("buckets").size(), calls,
                expectedCalls >= 0 ? " (= seed)" : "");
    }

    /** Milliseconds with one decimal (whole numbers without). */
    private static String figure(double ms) {
        double rounded = Math.round(ms * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
