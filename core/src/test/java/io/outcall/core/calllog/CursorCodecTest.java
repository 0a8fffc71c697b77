package io.outcall.core.calllog;

import io.outcall.core.call.CallStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorCodecTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    private static final String TENANT = "tenant-a";
    private static final String AFTER = "01JZ2H1R01C6F5TE09R9RK0000";

    private final CursorCodec codec = new CursorCodec("a-test-key-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));
    private final CallLogFilter completed = new CallLogFilter(CallStatus.COMPLETED, null, null, null, null, null);

    @Test
    void aCursorOpensForItsTenantAndFilter() {
        assertEquals(AFTER, codec.open(codec.seal(TENANT, completed, AFTER), TENANT, completed));
    }

    /** Every one-character edit, in every position, is refused: the last character of each part included. */
    @Test
    void noSingleCharacterEditOpens() {
        String cursor = codec.seal(TENANT, completed, AFTER);
        int refused = 0;
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == cursor.charAt(i)) {
                    continue;
                }
                String edited = cursor.substring(0, i) + c + cursor.substring(i + 1);
                InvalidQueryException e = assertThrows(InvalidQueryException.class,
                        () -> codec.open(edited, TENANT, completed), edited);
                assertEquals("cursor", e.violations().getFirst().field());
                refused++;
            }
        }
        assertEquals(cursor.length() * (ALPHABET.length() - 1), refused);
    }

    @Test
    void anotherTenantOrOtherFiltersCannotUseIt() {
        String cursor = codec.seal(TENANT, completed, AFTER);
        assertThrows(InvalidQueryException.class, () -> codec.open(cursor, "tenant-b", completed));
        InvalidQueryException other = assertThrows(InvalidQueryException.class, () -> codec.open(cursor, TENANT,
                new CallLogFilter(CallStatus.BUSY, null, null, null, null, null)));
        assertTrue(other.getMessage().contains("other filters"), other.getMessage());
    }
}
