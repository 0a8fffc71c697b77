package io.outcall.bridge.originate;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PutBackTest {

    private final Message message = Message.builder().messageId("m-1").body("{}").build();

    @Test
    void aWaitIsRoundedUpToWholeSecondsWithinWhatSqsAllows() {
        assertEquals(1, ReceivedMessages.PutBack.after(message, Duration.ZERO).delaySeconds(), "never at once");
        assertEquals(1, ReceivedMessages.PutBack.after(message, Duration.ofMillis(250)).delaySeconds());
        assertEquals(1, ReceivedMessages.PutBack.after(message, Duration.ofSeconds(1)).delaySeconds());
        assertEquals(2, ReceivedMessages.PutBack.after(message, Duration.ofMillis(1_001)).delaySeconds());
        assertEquals(61, ReceivedMessages.PutBack.after(message, Duration.ofMillis(60_500)).delaySeconds());
        assertEquals(900, ReceivedMessages.PutBack.after(message, Duration.ofHours(2)).delaySeconds(), "SQS's longest delay");
    }
}
