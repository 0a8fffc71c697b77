package io.outcall.bridge.originate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bridge does with the originate queue's messages: receive them, delete them, delay
 * them, and put back those that cannot be dialed yet (their tenant is at its own limit, or the
 * AMI link went down after they were received).
 *
 * <p>Putting back is not a visibility timeout: every receive of a message counts toward the
 * queue's maxReceiveCount, so a burst that takes its tenant a minute to work through would see its
 * tail moved to the dead-letter queue, and those calls would stay QUEUED for good. A copy sent
 * with a delay starts again at no receives; the original is deleted once SQS has the copy. Should
 * that delete fail, both are received in time and the claim, which only a QUEUED call passes,
 * dials the call once. Waiting is not failing; the receive count is left to count failures.
 */
final class ReceivedMessages {

    private static final Logger log = LoggerFactory.getLogger(ReceivedMessages.class);

    /** SQS's longest DelaySeconds. */
    static final int MAX_DELAY_SECONDS = 900;
    /** SQS's default visibility timeout. */
    private static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(30);

    private final SqsClient sqs;
    private final String queueUrl;

    /** A message to put back, and how long it waits before it can be received again. */
    record PutBack(Message message, int delaySeconds) {
        PutBack {
            delaySeconds = Math.clamp(delaySeconds, 1, MAX_DELAY_SECONDS);
        }

        /** Rounded up to whole seconds, as SQS counts them: never back before {@code wait} is over. */
        static PutBack after(Message message, Duration wait) {
            long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
            return new PutBack(message, (int) Math.min(MAX_DELAY_SECONDS, seconds));
        }
    }

    ReceivedMessages(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * A long poll: returns at once when messages wait, else after {@code waitSeconds} at most.
     *
     * @param max 1 to 10 (SQS's most per receive)
     */
    List<Message> receive(int waitSeconds, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(Math.clamp(max, 1, 10))
                .waitTimeSeconds(waitSeconds)).messages();
    }

    /**
     * The queue's visibility timeout: how long a received message stays this bridge's. Asked once,
     * at start; the operator may have set it (bench/crash-soak does). When the queue cannot tell
     * (a host policy without sqs:GetQueueAttributes), SQS's default of 30 s is assumed.
     */
    Duration visibilityTimeout() {
        try {
            String seconds = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                    .get(QueueAttributeName.VISIBILITY_TIMEOUT);
            return Duration.ofSeconds(Long.parseLong(seconds));
        } catch (RuntimeException e) {
            log.warn("reading the visibility timeout of {} failed ({}); assuming SQS's default of {} s. Allow the"
                    + " bridge sqs:GetQueueAttributes on the queue so it knows how long it may hold a message",
                    queueUrl, e.getMessage(), DEFAULT_VISIBILITY.toSeconds());
            return DEFAULT_VISIBILITY;
        }
    }

    /** Done with: its call was dialed, or will never be. */
    void delete(Message message) {
        try {
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        } catch (RuntimeException e) {
            // It comes back after the visibility timeout and is then seen as a duplicate: harmless.
            log.warn("deleting message {} failed ({}); it will come back as a duplicate", message.messageId(),
                    e.getMessage());
        }
    }

    /** Received again in {@code seconds}; counts a receive, so only for what is rare. */
    void delay(Message message, int seconds) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout(seconds));
        } catch (RuntimeException e) {
            log.debug("changing visibility of {} failed: {}", message.messageId(), e.getMessage());
        }
    }

    /** For another bridge, at once: this one is stopping. */
    void handBack(List<Message> messages) {
        messages.forEach(m -> delay(m, 0));
    }

    /** @param putBacks at most 10, as one receive returns them, none of them claimed */
    void putBack(List<PutBack> putBacks) {
        if (putBacks.isEmpty()) {
            return;
        }
        List<Message> messages = putBacks.stream().map(PutBack::message).toList();
        List<SendMessageBatchRequestEntry> copies = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            copies.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(messages.get(i).body()).delaySeconds(putBacks.get(i).delaySeconds()).build());
        }
        SendMessageBatchResponse sent;
        try {
            sent = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(copies));
        } catch (RuntimeException e) {
            log.warn("putting back {} messages failed ({}); they come back by visibility",
                    messages.size(), e.getMessage());
            putBacks.forEach(p -> delay(p.message(), p.delaySeconds()));
            return;
        }
        for (BatchResultErrorEntry failed : sent.failed()) {
            PutBack putBack = putBacks.get(Integer.parseInt(failed.id()));
            log.warn("putting back message {} failed ({}); it comes back by visibility",
                    putBack.message().messageId(), failed.message());
            delay(putBack.message(), putBack.delaySeconds());
        }
        List<DeleteMessageBatchRequestEntry> originals = sent.successful().stream()
                .map(copy -> DeleteMessageBatchRequestEntry.builder().id(copy.id())
                        .receiptHandle(messages.get(Integer.parseInt(copy.id())).receiptHandle()).build())
                .toList();
        if (originals.isEmpty()) {
            return;
        }
        try {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(originals)).failed().forEach(failed ->
                    log.warn("deleting a put-back original failed ({}); its copy makes it a duplicate, dialed once",
                            failed.message()));
        } catch (RuntimeException e) {
            log.warn("deleting {} put-back originals failed ({}); their copies make them duplicates, dialed once",
                    originals.size(), e.getMessage());
        }
    }
}
