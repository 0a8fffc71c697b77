package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.core.call.Call;
import io.outcall.core.call.CallProgress;
import io.outcall.core.call.CallStatus;
import io.outcall.core.call.Disposition;
import io.outcall.core.call.HangupCause;
import io.outcall.core.dynamo.DynamoCallStore;
import io.outcall.core.dynamo.DynamoDeliveryStore;
import io.outcall.core.dynamo.DynamoWebhookEndpointStore;
import io.outcall.core.events.WebhookSecret;
import io.outcall.core.json.Json;
import io.outcall.core.webhooks.DeliveryMessageCodec;
import io.outcall.core.webhooks.EndpointAddressGuard;
import io.outcall.core.webhooks.JdkWebhookTransport;
import io.outcall.core.webhooks.RetrySchedule;
import io.outcall.core.webhooks.SqsWebhookQueue;
import io.outcall.core.webhooks.WebhookSender;
import io.outcall.functions.events.CallEventPublisherHandler;
import io.outcall.functions.events.WebhookSenderHandler;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.LocalAws;
import io.outcall.localaws.LocalServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./run-local's event source mappings, end to end on ephemeral ports: a call written to DynamoDB
 * Local reaches the publisher through the real stream, its deliveries go through ElasticMQ to the
 * sender, and the webhook echo prints each one verified.
 */
class LocalEventSourcesTest {

    @Test
    void theTemplatesStreamAndQueueMappingsAreFound() {
        List<LocalEventSources.Mapping> mappings = LocalEventSources.mappingsOf(
                CloudFormationTemplate.findFromWorkingDirectory(), className -> (in, out, context) -> { });
        assertEquals(List.of("CallEventPublisherFunction DynamoDB CallsTable", "WebhookSenderFunction SQS WebhookQueue",
                        "PromptConversionFunction S3 AudioBucket uploads/ .wav"),
                mappings.stream().map(m -> m.function() + " " + m.type() + " " + m.source()
                        + (m.type().equals("S3") ? " " + m.filter().prefix() + " " + m.filter().suffix() : "")).toList());
    }

    @Test
    void aDemoCallsStatusChangesArriveVerifiedAtTheWebhookEcho(@TempDir Path state) throws Exception {
        Json json = Json.standard();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (LocalServices aws = LocalServices.startInMemory();
             WebhookEcho echo = WebhookEcho.start(0, WebhookEcho.localSecret(state), Clock.systemUTC(),
                     new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            var endpoints = new DynamoWebhookEndpointStore(aws.dynamoDb(), "WebhooksTable", "TenantsTable");
            var seeded = DemoWebhook.seed(endpoints, WebhookEcho.localSecret(state), Instant.now());
            endpoints.save(new io.outcall.core.webhooks.WebhookEndpoint(seeded.tenantId(), seeded.endpointId(),
                    java.net.URI.create("http://127.0.0.1:" + echo.port() + WebhookEcho.PATH), seeded.eventTypes(), true,
                    seeded.keys(), seeded.createdAt(), null, null));
            var queue = new SqsWebhookQueue(aws.sqs(), aws.queueUrl("WebhookQueue"), new DeliveryMessageCodec(json));
            Map<String, RequestStreamHandler> handlers = Map.of(
                    CallEventPublisherHandler.class.getName(), new CallEventPublisherHandler(endpoints, queue,
                            Optional.empty(), (token, output) -> { throw new AssertionError("no journey here"); }, json,
                            Clock.systemUTC(), line -> { }),
                    WebhookSenderHandler.class.getName(), new WebhookSenderHandler(new WebhookSender(endpoints,
                            new DynamoDeliveryStore(aws.dynamoDb(), "WebhookDeliveriesTable"), queue,
                            new JdkWebhookTransport(), EndpointAddressGuard.system(new EndpointAddressGuard.Policy(true, true)),
                            new RetrySchedule(new SplittableRandom(1)), Clock.systemUTC()), json, line -> { }));
            try (LocalEventSources sources = LocalEventSources.start(LocalEventSources.mappingsOf(
                    CloudFormationTemplate.findFromWorkingDirectory(), handlers::get), aws,
                    LocalAws.dynamoDbStreams(aws.dynamoDbServer().endpoint()), new ObjectMapper())) {
                DynamoCallStore calls = new DynamoCallStore(aws.dynamoDb(), "CallsTable", "CallStatsTable");
                Instant t0 = Instant.now();
                calls.create(Call.queued("01LOCALCALL0000000000000001", DemoTenant.ID, "+17065551232", "+14045550100",
                        "did-main", null, null, "DynamicIVR", Map.of(), 30, t0, null, null));
                calls.claim("01LOCALCALL0000000000000001", DemoTenant.ID, "bridge", "a-1", t0.plusSeconds(1));
                calls.advance(new CallProgress("01LOCALCALL0000000000000001", DemoTenant.ID, CallStatus.BUSY,
                        Disposition.BUSY, new HangupCause(17, "User busy"), null, null, null, t0.plusSeconds(3), 2, null, null));

                // Wait for the condition, not for a time: the echo prints a line per delivery.
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (printed.toString(StandardCharsets.UTF_8).lines().count() < 3 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("verified  01LOCALCALL0000000000000001.QUEUED"), lines.get(0));
            assertTrue(lines.get(1).startsWith("verified  01LOCALCALL0000000000000001.DIALING"), lines.get(1));
            assertTrue(lines.get(2).startsWith("verified  01LOCALCALL0000000000000001.BUSY"), lines.get(2));
        }
    }

    @Test
    void anUploadToTheBucketReachesItsFunctionAsAnS3Event() throws Exception {
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        RequestStreamHandler conversion = (in, out, context) -> events.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        try (LocalServices aws = LocalServices.startInMemory();
             LocalEventSources sources = LocalEventSources.start(List.of(new LocalEventSources.Mapping("Conversion", "S3",
                     "AudioBucket", conversion, new S3KeyFilter("uploads/", ".wav"))), aws,
                     LocalAws.dynamoDbStreams(aws.dynamoDbServer().endpoint()), new ObjectMapper())) {
            String bucket = aws.bucketName("AudioBucket");
            aws.s3().putObject(b -> b.bucket(bucket).key("prompts/demo/not-an-upload.wav"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[3]));
            aws.s3().putObject(b -> b.bucket(bucket).key("uploads/demo/hello/u1.wav"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[5]));
            String event = events.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(event != null, "no S3 event within a minute");
            var record = new ObjectMapper().readTree(event).path("Records").get(0);
            assertEquals("uploads/demo/hello/u1.wav", record.path("s3").path("object").path("key").asText());
            assertEquals(bucket, record.path("s3").path("bucket").path("name").asText());
        }
        assertTrue(events.isEmpty(), "only the upload is notified, once: " + events);
    }
}
