package io.outcall.core.webhooks;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class SqsWebhookQueue implements WebhookQueue {

    /** SQS's longest message delay. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final DeliveryMessageCodec codec;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl, DeliveryMessageCodec codec) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.codec = codec;
    }

    @Override
    public void send(List<DeliveryMessage> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<DeliveryMessage> slice = messages.subList(from, Math.min(messages.size(), from + BATCH));
            for (int i = 0; i < slice.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(codec.encode(slice.get(i))).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException(response.failed().size() + " of " + entries.size()
                        + " webhook deliveries were not queued; first: " + response.failed().get(0).message());
            }
        }
    }

    @Override
    public void sendLater(DeliveryMessage message, Duration delay) {
        long seconds = Math.max(0, Math.min(delay.toSeconds(), MAX_DELAY.toSeconds()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(codec.encode(message)).delaySeconds((int) seconds));
    }
}
