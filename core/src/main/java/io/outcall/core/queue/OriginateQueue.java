package io.outcall.core.queue;

/** Where accepted calls wait for the bridge. */
public interface OriginateQueue {

    /** @throws software.amazon.awssdk.core.exception.SdkException when the queue cannot take it */
    void send(OriginateMessage message);
}
