package io.outcall.bench.batch;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bridge recorded of a drained burst, read back from CallsTable: how many calls are final,
 * when the last one ended, and the most calls that were up at once, in all and per tenant, from each
 * call's dialedAt (its claim, after its pacing permit) to its endedAt (before the permit goes back).
 */
record DrainedCalls(int total, int finalCalls, int neverDialed, Instant lastEnded, int mostUp,
                    Map<String, Integer> mostUpPerTenant) {

    private record Span(String tenant, Instant dialed, Instant ended) {
    }

    private record Edge(String tenant, Instant at, int delta) {
    }

    static DrainedCalls read(DynamoDbClient dynamoDb, String table) {
        List<Span> spans = new ArrayList<>();
        int total = 0;
        int finalCalls = 0;
        int neverDialed = 0;
        for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(table)
                .projectionExpression("tenantId, #s, dialedAt, endedAt")
                .expressionAttributeNames(Map.of("#s", "status"))).items()) {
            total++;
            String status = item.get("status").s();
            if (!status.equals("QUEUED") && !status.equals("DIALING") && !status.equals("RINGING")
                    && !status.equals("ANSWERED")) {
                finalCalls++;
            }
            if (!item.containsKey("dialedAt")) {
                neverDialed++;
            } else if (item.containsKey("endedAt")) {
                spans.add(new Span(item.get("tenantId").s(), Instant.parse(item.get("dialedAt").s()),
                        Instant.parse(item.get("endedAt").s())));
            }
        }
        Instant lastEnded = spans.stream().map(Span::ended).max(Comparator.naturalOrder()).orElse(null);
        return new DrainedCalls(total, finalCalls, neverDialed, lastEnded, mostUp(spans, null), mostUpPerTenant(spans));
    }

    private static Map<String, Integer> mostUpPerTenant(List<Span> spans) {
        Map<String, Integer> most = new HashMap<>();
        spans.stream().map(Span::tenant).distinct().forEach(t -> most.put(t, mostUp(spans, t)));
        return most;
    }

    /** A sweep over starts and ends; an end at the same instant as a start comes first. */
    private static int mostUp(List<Span> spans, String tenant) {
        List<Edge> edges = new ArrayList<>();
        for (Span span : spans) {
            if (tenant == null || tenant.equals(span.tenant())) {
                edges.add(new Edge(span.tenant(), span.dialed(), 1));
                edges.add(new Edge(span.tenant(), span.ended(), -1));
            }
        }
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::delta));
        int up = 0;
        int most = 0;
        for (Edge edge : edges) {
            up += edge.delta();
            most = Math.max(most, up);
        }
        return most;
    }
}
