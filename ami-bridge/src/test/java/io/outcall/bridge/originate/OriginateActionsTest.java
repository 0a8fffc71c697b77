package io.outcall.bridge.originate;

import io.outcall.core.amd.AmdMode;
import io.outcall.core.amd.AmdParameter;
import io.outcall.core.amd.AmdParameters;
import io.outcall.core.amd.AmdSettings;
import io.outcall.core.amd.VoicemailMessage;
import io.outcall.core.queue.OriginateMessage;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aCallWithAmdCarriesTheDialplanContractVariablesOneArgumentEach() {
        AmdSettings amd = new AmdSettings(AmdMode.LEAVE_MESSAGE,
                AmdParameters.DEFAULTS.with(Map.of(AmdParameter.GREETING, 2000)), new VoicemailMessage("outcall/reminder", 1800));
        OriginateAction action = actions.build(withAmd(amd));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("CALL_ID", "01JCALL");
        expected.put("TENANT_ID", "acme");
        expected.put("TRANSFER_NUMBER", "+14045550199");
        expected.put("OUTCALL_AMD", "leaveMessage");
        expected.put("OUTCALL_AMD_INITIAL_SILENCE", "2500");
        expected.put("OUTCALL_AMD_GREETING", "2000");
        expected.put("OUTCALL_AMD_AFTER_GREETING_SILENCE", "800");
        expected.put("OUTCALL_AMD_TOTAL_ANALYSIS_TIME", "5000");
        expected.put("OUTCALL_AMD_MIN_WORD_LENGTH", "100");
        expected.put("OUTCALL_AMD_BETWEEN_WORDS_SILENCE", "50");
        expected.put("OUTCALL_AMD_MAX_NUMBER_OF_WORDS", "2");
        expected.put("OUTCALL_AMD_SILENCE_THRESHOLD", "256");
        expected.put("OUTCALL_AMD_MAX_WORD_LENGTH", "5000");
        expected.put("OUTCALL_VM_PROMPT", "outcall/reminder");
        expected.put("OUTCALL_VM_WAIT_SILENCE_MS", "1800");
        assertEquals(expected, action.getVariables());
    }

    @Test
    void aCallWithoutAmdHasNoAmdVariable() {
        OriginateAction action = actions.build(message("+17065551231", "DynamicIVR", Map.of("ORDER_ID", "A-17"), "Acme"));
        assertTrue(action.getVariables().keySet().stream().noneMatch(name -> name.startsWith("OUTCALL_")),
                action.getVariables().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"outcall/reminder\r\nAction: Hangup", "../../etc/passwd", "a,b", "msg.wav", "x y"})
    void refusesAVoicemailPromptThatIsNotASoundName(String prompt) {
        AmdSettings amd = new AmdSettings(AmdMode.LEAVE_MESSAGE, AmdParameters.DEFAULTS, new VoicemailMessage(prompt, 1500));
        assertThrows(OriginateActions.UnsafeMessageException.class, () -> actions.build(withAmd(amd)));
    }

    @Test
    void aRequestVariableCannotPoseAsThePlatformsAmdVariables() {
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR", Map.of("OUTCALL_AMD", "detect"), "Acme")));
    }

    @Test
    void aCallNamingAPromptGivesTheDialplanItsPlayablePath() {
        assertEquals("outcall/acme/welcome", actions.build(withPrompt("outcall/acme/welcome")).getVariables()
                .get("OUTCALL_PROMPT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"outcall/globex/welcome", "outcall/acme/welcome\r\nAction: Hangup", "outcall/acme/../x",
            "outcall/acme/Welcome", "outcall/acme/a/b", "/etc/passwd", "outcall/acme/"})
    void refusesAPromptOutsideTheCallsTenantsFolderOrOutOfTheNameRule(String prompt) {
        assertThrows(OriginateActions.UnsafeMessageException.class, () -> actions.build(withPrompt(prompt)));
    }

    private static OriginateMessage withPrompt(String prompt) {
        return new OriginateMessage(4, "01JCALL", "acme", "+17065551231", "+14045550100", "Acme", "DynamicIVR",
                "+14045550199", 25, Map.of(), "2026-11-24T00:00:00Z", null, null, null, false, prompt);
    }

    private static OriginateMessage withAmd(AmdSettings amd) {
        return new OriginateMessage(3, "01JCALL", "acme", "+17065551231", "+14045550100", "Acme", "DynamicIVR",
                "+14045550199", 25, Map.of(), "2026-11-24T00:00:00Z", null, null, amd);
    }

    @Test
    void aRecordedCallAsksTheDialplanForMixMonitorAndOthersDoNot() {
        OriginateMessage recorded = new OriginateMessage(4, "01JCALL", "acme", "+17065551231", "+14045550100", "Acme",
                "DynamicIVR", null, 25, Map.of(), "2026-11-24T00:00:00Z", null, null, null, true, null);
        assertEquals("1", actions.build(recorded).getVariables().get("OUTCALL_RECORD"));
        assertFalse(actions.build(message("+17065551231", "DynamicIVR", Map.of(), "Acme")).getVariables()
                .containsKey("OUTCALL_RECORD"));
        assertThrows(OriginateActions.UnsafeMessageException.class,
                () -> actions.build(message("+17065551231", "DynamicIVR", Map.of("OUTCALL_RECORD", "1"), "Acme")));
    }

    @Test
    void aRecordedCallNamingAPromptGetsBothVariables() {
        OriginateMessage both = new OriginateMessage(4, "01JCALL", "acme", "+17065551231", "+14045550100", "Acme",
                "DynamicIVR", null, 25, Map.of(), "2026-11-24T00:00:00Z", null, null, null, true, "outcall/acme/welcome");
        Map<String, String> variables = actions.build(both).getVariables();
        assertEquals("1", variables.get("OUTCALL_RECORD"));
        assertEquals("outcall/acme/welcome", variables.get("OUTCALL_PROMPT"));
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
