package io.outcall.core.webhooks;

import java.time.Duration;
import java.util.List;

/** The queue between the publisher and the sender. */
public interface WebhookQueue {

    /** Enqueues the messages now; all of them, or an exception. */
    void send(List<DeliveryMessage> messages);

    /** Enqueues one message to be received after {@code delay} (at most 15 minutes, SQS's limit). */
    void sendLater(DeliveryMessage message, Duration delay);
}
