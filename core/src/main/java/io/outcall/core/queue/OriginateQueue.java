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
    java.util.List<OriginateMessage> sendAll(java.util.List<OriginateMessage> messages);
}
