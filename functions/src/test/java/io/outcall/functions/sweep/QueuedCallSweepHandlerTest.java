package io.outcall.functions.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallId;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoQueuedCalls;
import io.outcall.core.json.Json;
import io.outcall.core.queue.OriginateMessageCodec;
import io.outcall.core.queue.SqsOriginateQueue;
import io.outcall.core.sweep.SweepSettings;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scheduled handler over DynamoDB Local and ElasticMQ: a scheduled event in, one sweep, one EMF log line out. */
class QueuedCallSweepHandlerTest {

    private static final Instant CREATED = Instant.parse("2026-05-04T08:00:00Z");

    /** What EventBridge Scheduler sends a rate(1 minute) target, as ./run-local builds it too. */
    private static final String SCHEDULED_EVENT = """
            {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
             "source":"aws.events","account":"123456789012","time":"2026-05-04T08:11:00Z","region":"us-east-1",
             "resources":["arn:aws:events:us-east-1:123456789012:rule/QueuedCallSweep"],"detail":{}}""";

    @Test
    void aScheduledEventSweepsOnceAndLogsOneEmbeddedMetricFormatLine() throws Exception {
        try (LocalServices aws = LocalServices.startInMemory()) {
            DynamoCallStore store = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable", 4);
            String callId = new CallId(Clock.fixed(CREATED, ZoneOffset.UTC), new SplittableRandom(3)).next();
            store.create(Call.queued(callId, "tenant-1", "+14045550123", "+14045550100", "did-main", null, null,
                    "DynamicIVR", Map.of(), 30, CREATED, null, null));
            String queueUrl = aws.queueUrl("OriginateQueue");
            List<String> logged = new ArrayList<>();
            QueuedCallSweepHandler handler = new QueuedCallSweepHandler(
                    new DynamoQueuedCalls(aws.dynamoDb(), "CallsTable", store),
                    new SqsOriginateQueue(aws.sqs(), queueUrl, new OriginateMessageCodec(Json.standard())),
                    new SweepSettings(Duration.ofMinutes(10), 3, 4, 500),
                    Clock.fixed(CREATED.plus(Duration.ofMinutes(11)), ZoneOffset.UTC), logged::add);
            ByteArrayOutputStream result = new ByteArrayOutputStream();

            handler.handleRequest(new ByteArrayInputStream(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)), result, null);

            assertEquals(1, logged.size(), "one line per run");
            assertEquals(logged.getFirst(), result.toString(StandardCharsets.UTF_8), "the result is the same summary");
            JsonNode line = new ObjectMapper().readTree(logged.getFirst());
            JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
            assertEquals("Outcall", directive.path("Namespace").asText());
            assertEquals("[[]]", directive.path("Dimensions").toString(), "no dimensions: one sweeper per stack");
            Set<String> metrics = new HashSet<>();
            directive.path("Metrics").forEach(m -> {
                metrics.add(m.path("Name").asText());
                assertEquals("Count", m.path("Unit").asText());
                assertEquals(true, line.path(m.path("Name").asText()).isNumber(), "each metric's value is on the line");
            });
            assertEquals(Set.of("SweptCallsRequeued", "SweptCallsNeverDialed", "StuckQueuedCalls", "SweepFailures"), metrics);
            assertEquals(CREATED.plus(Duration.ofMinutes(11)).toEpochMilli(), line.path("_aws").path("Timestamp").asLong());
            assertEquals(1, line.path("StuckQueuedCalls").asInt());
            assertEquals(1, line.path("SweptCallsRequeued").asInt());
            assertEquals(0, line.path("SweptCallsNeverDialed").asInt());
            assertEquals(0, line.path("SweepFailures").asInt());
            assertEquals(callId, new OriginateMessageCodec(Json.standard()).decode(aws.sqs()
                    .receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages().getFirst().body()).callId());
        }
    }
}
