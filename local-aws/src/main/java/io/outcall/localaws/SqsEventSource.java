package io.outcall.localaws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Plays Lambda's SQS event source mapping against ElasticMQ: receives up to 10 messages, hands
 * them to a function as the SQS event JSON ({@code {"Records": [...]}}), and deletes those the
 * function's partial batch response does not name in {@code batchItemFailures}; those come back
 * after the visibility timeout, as on AWS.
 */
public final class SqsEventSource {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final SqsClient sqs;
    private final String queueUrl;
    private final UnaryOperator<String> function;

    /** @param function takes the event JSON, returns the function's answer */
    public SqsEventSource(SqsClient sqs, String queueUrl, UnaryOperator<String> function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
    }

    /**
     * One receive and one invocation.
     *
     * @param waitSeconds long-poll wait, 0 to return at once
     * @return how many messages were handed over
     */
    public int pollOnce(int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> failed = failures(function.apply(event(messages)));
        // One request for the batch, as Lambda deletes: ten single deletes cost ElasticMQ ten round trips.
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " of " + done.size() + " handled messages of "
                        + queueUrl + " were not deleted (they come back); first: " + response.failed().get(0).message());
            }
        }
        return messages.size();
    }

    /** Polls until a receive comes back empty; returns how many messages were handed over. */
    public int drain() {
        int total = 0;
        for (int handed = pollOnce(0); handed > 0; handed = pollOnce(0)) {
            total += handed;
        }
        return total;
    }

    private String event(List<Message> messages) {
        String arn = "arn:aws:sqs:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":"
                + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            for (Message m : messages) {
                out.writeStartObject();
                out.writeStringField("messageId", m.messageId());
                out.writeStringField("receiptHandle", m.receiptHandle());
                out.writeStringField("body", m.body());
                out.writeObjectFieldStart("attributes");
                out.writeEndObject();
                out.writeObjectFieldStart("messageAttributes");
                out.writeEndObject();
                out.writeStringField("md5OfBody", m.md5OfBody());
                out.writeStringField("eventSource", "aws:sqs");
                out.writeStringField("eventSourceARN", arn);
                out.writeStringField("awsRegion", LocalAws.REGION.id());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an SQS event", e);
        }
        return text.toString();
    }

    /** The message ids of {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}. */
    private static Set<String> failures(String response) {
        Set<String> ids = new HashSet<>();
        try (JsonParser parser = FACTORY.createParser(response)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "itemIdentifier".equals(parser.currentName())) {
                    parser.nextToken();
                    ids.add(parser.getText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the function's answer is not JSON: " + response, e);
        }
        return ids;
    }
}
