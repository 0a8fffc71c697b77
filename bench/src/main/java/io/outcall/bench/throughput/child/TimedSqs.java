package io.outcall.bench.throughput.child;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import java.util.concurrent.atomic.LongAdder;

/** The part of {@link SqsClient} the bridge's consumer uses, timed, over a delegate. */
final class TimedSqs implements SqsClient {
    final Timer receive = new Timer();
    final Timer delete = new Timer();
    final LongAdder received = new LongAdder();
    final LongAdder emptyReceives = new LongAdder();
    private final SqsClient delegate;

    TimedSqs(SqsClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        ReceiveMessageResponse response = receive.time(() -> delegate.receiveMessage(request));
        received.add(response.messages().size());
        if (response.messages().isEmpty()) {
            emptyReceives.increment();
        }
        return response;
    }

    @Override
    public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
        return delete.time(() -> delegate.deleteMessage(request));
    }

    @Override
    public ChangeMessageVisibilityResponse changeMessageVisibility(ChangeMessageVisibilityRequest request) {
        return delegate.changeMessageVisibility(request);
    }

    /** The bridge puts back a message it cannot dial yet as a delayed copy, then deletes the original. */
    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
        return delegate.sendMessageBatch(request);
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        return delete.time(() -> delegate.deleteMessageBatch(request));
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
