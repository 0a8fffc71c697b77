package io.outcall.bridge.originate;

import io.outcall.core.queue.OriginateMessage;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginateActionsTest {

    private final OriginateActions actions = new OriginateActions("PJSIP/{number}@trunk");

    private static OriginateMessage message(String to, String context, Map<String, String> variables, String callerName) {
        return new OriginateMessage(1, "01JCALL", "acme", to, "+14045550100", callerName, context, "+14045550199", 25,
                variables, "2026-11-24T00:00:00Z");
    }

    @Test
    void buildsTheOriginateTheContractDescribes() {
        OriginateAction action = actions.build(message("+17065551231", "DynamicIVR", Map.of("ORDER_ID", "A-17"), "Acme"));
        assertEquals("PJSIP/+17065551231@trunk", action.getChannel());
        assertEquals("DynamicIVR", action.getContext());
        assertEquals("\"Acme\" <+14045550100>", action.getCallerId());
        assertEquals(25_000L, action.getTimeout());
        assertTrue(action.getAsync());
        assertEquals("01JCALL", action.getChannelId());
        assertEquals("orig-01JCALL", action.getActionId());
        assertEquals(Map.of("CALL_ID", "01JCALL", "TENANT_ID", "acme", "TRANSFER_NUMBER", "+14045550199", "ORDER_ID", "A-17"),
                action.getVariables());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+17065551231\r\nAction: Hangup", "17065551231", "+1706555123x", "PJSIP/evil"})
    void refusesANumberThatIsNotE164(String to) {
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message(to, "DynamicIVR", Map.of(), "Acme")));
    }

    @Test
    void refusesLineBreaksAnywhereThatReachesAsterisk() {
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR\r\nAction: Originate", Map.of(), "Acme")));
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR", Map.of("A", "x\r\nAction: Hangup"), "Acme")));
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR", Map.of("A\nB", "x"), "Acme")));
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR", Map.of(), "Acme\r\nAction: Hangup")));
    }

    @Test
    void quotesInTheCallerNameCannotBreakTheCallerId() {
        assertEquals("\"Acme Inc\" <+14045550100>",
                actions.build(message("+17065551231", "DynamicIVR", Map.of(), "Acme \"Inc\"")).getCallerId());
    }
}
