package io.outcall.core.queue;

/** Where accepted calls wait for the bridge. */
public interface OriginateQueue {

    /** @throws software.amazon.awssdk.core.exception.SdkException when the queue cannot take it */
    void send(OriginateMessage message);

    /**
     * Queues many messages in as few requests as the queue allows, retrying what it refuses for now.
     *
     * @return the messages still not queued after every retry (none when all were taken)
     */
    default java.util.List<OriginateMessage> sendAll(java.util.List<OriginateMessage> messages) {
        return sendAll(messages, message -> 0);
    }

    /**
     * As {@link #sendAll(java.util.List)}, each message delivered no sooner than
     * {@code delaySeconds} of it says (SQS DelaySeconds: 0 to {@value #MAX_DELAY_SECONDS}).
     */
    java.util.List<OriginateMessage> sendAll(java.util.List<OriginateMessage> messages,
                                             java.util.function.ToIntFunction<OriginateMessage> delaySeconds);

    /** The longest delay SQS gives one message. */
    int MAX_DELAY_SECONDS = 900;
}
