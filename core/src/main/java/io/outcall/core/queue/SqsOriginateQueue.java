package io.outcall.core.queue;

import io.outcall.core.aws.RetryPauses;
import io.outcall.core.aws.StillThrottledException;
import io.outcall.core.aws.TransientFailures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

public final class SqsOriginateQueue implements OriginateQueue {

    /** SQS's limits on one SendMessageBatch: ten entries, and their bodies together. */
    static final int BATCH_ENTRIES = 10;
    static final int BATCH_BYTES = 256 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;
    private final OriginateMessageCodec codec;

    public SqsOriginateQueue(SqsClient sqs, String queueUrl, OriginateMessageCodec codec) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.codec = codec;
    }

    @Override
    public void send(OriginateMessage message) {
        String body = codec.encode(message);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    @Override
    public List<OriginateMessage> sendAll(List<OriginateMessage> messages, ToIntFunction<OriginateMessage> delaySeconds) {
        List<OriginateMessage> unsent = new ArrayList<>();
        List<OriginateMessage> chunk = new ArrayList<>(BATCH_ENTRIES);
        List<String> bodies = new ArrayList<>(BATCH_ENTRIES);
        int bytes = 0;
        for (OriginateMessage message : messages) {
            String body = codec.encode(message);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (chunk.size() == BATCH_ENTRIES || (!chunk.isEmpty() && bytes + size > BATCH_BYTES)) {
                unsent.addAll(sendChunk(chunk, bodies, delaySeconds));
                chunk = new ArrayList<>(BATCH_ENTRIES);
                bodies = new ArrayList<>(BATCH_ENTRIES);
                bytes = 0;
            }
            chunk.add(message);
            bodies.add(body);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            unsent.addAll(sendChunk(chunk, bodies, delaySeconds));
        }
        return unsent;
    }

    /**
     * One SendMessageBatch, then again for the entries SQS failed on its side (throttled, busy) or
     * the whole request when it failed transiently. An entry refused for the sender's fault would
     * be refused again: it is given up at once.
     */
    private List<OriginateMessage> sendChunk(List<OriginateMessage> chunk, List<String> bodies,
                                             ToIntFunction<OriginateMessage> delaySeconds) {
        List<OriginateMessage> given = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = pending.stream().map(i -> SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i)).messageBody(bodies.get(i))
                    .delaySeconds(Math.clamp(delaySeconds.applyAsInt(chunk.get(i)), 0, MAX_DELAY_SECONDS)).build()).toList();
            List<Integer> retry = new ArrayList<>();
            try {
                SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                for (BatchResultErrorEntry failed : sent.failed()) {
                    int index = Integer.parseInt(failed.id());
                    if (Boolean.TRUE.equals(failed.senderFault())) {
                        given.add(chunk.get(index));
                    } else {
                        retry.add(index);
                    }
                }
            } catch (SdkException e) {
                if (!TransientFailures.isTransient(e)) {
                    pending.forEach(i -> given.add(chunk.get(i)));
                    return given;
                }
                retry.addAll(pending);
            }
            pending = retry;
            if (!pending.isEmpty()) {
                try {
                    RetryPauses.pauseAfter(attempt, pending.size(), "originate messages");
                } catch (StillThrottledException stillFailing) {
                    pending.forEach(i -> given.add(chunk.get(i)));
                    return given;
                }
            }
        }
        return given;
    }
}
