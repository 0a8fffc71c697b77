package io.outcall.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outcall.localaws.CloudFormationTemplate;
import io.outcall.localaws.DynamoStreamTail;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.S3EventSource;
import io.outcall.localaws.SqsEventSource;
import io.outcall.localaws.StreamEventJson;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays Lambda's event source mappings for the functions template.yaml triggers from a DynamoDB
 * stream or an SQS queue, and S3's notifications for those it triggers from a bucket: one thread
 * per mapping hands the handler the same JSON events Lambda would, and honours its partial batch
 * response (stream records from the first failed one are handed over again; failed queue messages
 * are left to come back after the visibility timeout). A stream is followed from the start of this
 * run, not from its oldest record; a bucket's matching objects are all notified once.
 */
final class LocalEventSources implements AutoCloseable {

    private static final long IDLE_MILLIS = 200;

    /** @param filter for S3 only: the key prefix and suffix its notification names ("" for none) */
    record Mapping(String function, String type, String source, RequestStreamHandler handler, S3KeyFilter filter) {

        Mapping(String function, String type, String source, RequestStreamHandler handler) {
            this(function, type, source, handler, S3KeyFilter.NONE);
        }
    }

    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    private LocalEventSources() {
    }

    static List<Mapping> mappingsOf(CloudFormationTemplate template, Function<String, RequestStreamHandler> handlers) {
        List<Mapping> mappings = new ArrayList<>();
        for (TemplateFunction function : TemplateFunction.all(template)) {
            for (Map<String, Object> stream : function.eventsOfType("DynamoDB")) {
                mappings.add(new Mapping(function.name(), "DynamoDB", getAttTarget(stream.get("Stream")),
                        handlers.apply(function.handlerClass())));
            }
            for (Map<String, Object> queue : function.eventsOfType("SQS")) {
                mappings.add(new Mapping(function.name(), "SQS", getAttTarget(queue.get("Queue")),
                        handlers.apply(function.handlerClass())));
            }
            for (Map<String, Object> bucket : function.eventsOfType("S3")) {
                mappings.add(new Mapping(function.name(), "S3", refTarget(bucket.get("Bucket")),
                        handlers.apply(function.handlerClass()), S3KeyFilter.of(bucket)));
            }
        }
        return mappings;
    }

    static LocalEventSources start(List<Mapping> mappings, LocalServices aws, DynamoDbStreamsClient streams,
                                   ObjectMapper json) {
        LocalEventSources sources = new LocalEventSources();
        for (Mapping mapping : mappings) {
            Runnable loop = switch (mapping.type()) {
                case "DynamoDB" -> sources.streamLoop(mapping,
                        new DynamoStreamTail(aws.dynamoDb(), streams, mapping.source(), true), json);
                case "S3" -> sources.bucketLoop(mapping, new S3EventSource(aws.s3(), aws.bucketName(mapping.source()),
                        mapping.filter().prefix(), mapping.filter().suffix(), event -> invoke(mapping, event)));
                default -> sources.queueLoop(mapping, new SqsEventSource(aws.sqs(), aws.queueUrl(mapping.source()),
                        event -> invoke(mapping, event)));
            };
            sources.pollers.add(Thread.ofPlatform().daemon(true).name("event-source-" + mapping.function()).start(loop));
        }
        return sources;
    }

    private Runnable streamLoop(Mapping mapping, DynamoStreamTail tail, ObjectMapper json) {
        return () -> {
            List<Record> pending = new ArrayList<>();
            while (running) {
                try {
                    pending.addAll(tail.poll());
                    if (pending.isEmpty()) {
                        pause();
                        continue;
                    }
                    List<Record> batch = List.copyOf(pending.subList(0, Math.min(100, pending.size())));
                    JsonNode answer = json.readTree(invoke(mapping, StreamEventJson.lambdaEvent(batch, tail.streamArn())));
                    int retryFrom = batch.size();
                    for (JsonNode failure : answer.path("batchItemFailures")) {
                        String sequence = failure.path("itemIdentifier").asText();
                        for (int i = 0; i < batch.size(); i++) {
                            if (batch.get(i).dynamodb().sequenceNumber().equals(sequence)) {
                                retryFrom = Math.min(retryFrom, i);
                            }
                        }
                    }
                    pending.subList(0, retryFrom).clear();
                    if (retryFrom < batch.size()) {
                        pause();
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println(mapping.function() + ": stream batch failed, retried: " + e);
                    pause();
                }
            }
        };
    }

    private Runnable queueLoop(Mapping mapping, SqsEventSource source) {
        return () -> {
            while (running) {
                try {
                    source.pollOnce(1);
                } catch (RuntimeException e) {
                    if (running) {
                        System.err.println(mapping.function() + ": queue batch failed: " + e);
                        pause();
                    }
                }
            }
        };
    }

    private Runnable bucketLoop(Mapping mapping, S3EventSource source) {
        return () -> {
            while (running) {
                try {
                    if (source.pollOnce() == 0) {
                        pause();
                    }
                } catch (RuntimeException e) {
                    if (running) {
                        System.err.println(mapping.function() + ": listing the bucket failed: " + e);
                        pause();
                    }
                }
            }
        };
    }

    private static String invoke(Mapping mapping, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            mapping.handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(mapping.function() + " failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void pause() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** {@code !GetAtt CallsTable.StreamArn} or {@code !GetAtt WebhookQueue.Arn}: the resource's logical id. */
    private static String getAttTarget(Object getAtt) {
        if (getAtt instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof String ref && ref.contains(".")) {
            return ref.substring(0, ref.indexOf('.'));
        }
        throw new IllegalStateException("./run-local follows event sources named as !GetAtt Resource.Attribute, not " + getAtt);
    }

    /** {@code !Ref AudioBucket}: the bucket's logical id (SAM wants an S3 event's bucket in the same template). */
    private static String refTarget(Object ref) {
        if (ref instanceof Map<?, ?> map && map.get("Ref") instanceof String logicalId) {
            return logicalId;
        }
        throw new IllegalStateException("./run-local follows S3 events whose Bucket is !Ref Bucket, not " + ref);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread poller : pollers) {
            poller.interrupt();
            poller.join(2_000);
        }
    }
}
