package io.outcall.functions.http;

import io.outcall.core.aws.StillThrottledException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApiEventsTest {

    @Test
    void aCallStoreThatIsThrottledOrUnreachableIsA503() {
        assertEquals(503, ApiEvents.problemFor(new StillThrottledException("25 calls unprocessed")).status(),
                "a batch read still throttled after its retries");
        assertEquals(503, ApiEvents.problemFor(SdkClientException.create("connection reset")).status());
    }

    @Test
    void aBugIsNotDressedUpAsAProblem() {
        assertNull(ApiEvents.problemFor(new IllegalStateException("a bug")), "left to the function's error handling");
    }
}
