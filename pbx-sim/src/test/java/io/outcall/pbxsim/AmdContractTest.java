package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The platform ↔ dialplan contract (README "AMD contract"): DynamicIVR originated with {@code OUTCALL_AMD}, for each
 * far end × strategy. What the contract is about (VarSet AMDSTATUS/AMDCAUSE/WAITSTATUS, every UserEvent, the
 * Hangups, on their legs with their fields) must be the transcript's for the AMD part, and for a call that goes on
 * into the IVR, exactly what the same call does without AMD.
 */
class AmdContractTest {

    private static PbxSimulator pbx;

    @BeforeAll
    static void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterAll
    static void stop() {
        pbx.close();
    }

    /** HUMAN and NOTSURE go on into the IVR with every strategy; so does MACHINE with detect. */
    @ParameterizedTest(name = "{0} × {3}: AmdResult, then the IVR as without AMD")
    @CsvSource({
            "40-amd-human, +17065554061, " + AmdCalls.HUMAN_ID + ", detect",
            "40-amd-human, +17065554061, " + AmdCalls.HUMAN_ID + ", hangupOnMachine",
            "40-amd-human, +17065554061, " + AmdCalls.HUMAN_ID + ", leaveMessage",
            "45-amd-notsure-no-audio, +17065554566, " + AmdCalls.NOTSURE_ID + ", detect",
            "45-amd-notsure-no-audio, +17065554566, " + AmdCalls.NOTSURE_ID + ", hangupOnMachine",
            "45-amd-notsure-no-audio, +17065554566, " + AmdCalls.NOTSURE_ID + ", leaveMessage",
            "41-amd-machine, +17065554162, " + AmdCalls.MACHINE_ID + ", detect"})
    void resultThenTheIvr(String trace, String number, String id, String strategy) throws Exception {
        List<String> expected = new ArrayList<>(untilAmdResult(contract(AmdCalls.transcript(trace))));
        expected.addAll(contract(AmdCalls.run(pbx, number, "DynamicIVR", id, withTransfer(Map.of()))));

        List<String> actual = contract(AmdCalls.run(pbx, number, "DynamicIVR", id, withTransfer(amd(strategy))));

        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(actual.stream().anyMatch(l -> l.startsWith("UserEvent O;1 IvrDone")), "the IVR ran to its end");
    }

    @Test
    void machineWithLeaveMessageIsTranscript41() throws Exception {
        List<String> expected = contract(AmdCalls.transcript("41-amd-machine"));
        List<String> actual = contract(AmdCalls.run(pbx, "+17065554162", "DynamicIVR", AmdCalls.MACHINE_ID,
                withTransfer(amd("leaveMessage"))));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @Test
    void machineWithHangupOnMachineIsTranscript41WithoutTheMessage() throws Exception {
        List<String> expected = contract(AmdCalls.transcript("41-amd-machine")).stream()
                .filter(l -> !l.contains("WAITSTATUS") && !l.contains("VoicemailLeft")).toList();
        List<String> actual = contract(AmdCalls.run(pbx, "+17065554162", "DynamicIVR", AmdCalls.MACHINE_ID,
                withTransfer(amd("hangupOnMachine"))));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
    }

    @ParameterizedTest(name = "far end hangs up during analysis × {0}: transcript 43, no AmdResult")
    @CsvSource({"detect", "hangupOnMachine", "leaveMessage"})
    void hangupDuringAnalysisIsTranscript43(String strategy) throws Exception {
        List<String> expected = contract(AmdCalls.transcript("43-amd-hangup-during-analysis"));
        List<String> actual = contract(AmdCalls.run(pbx, "+17065554363", "DynamicIVR", AmdCalls.HANGUP_ID,
                withTransfer(amd(strategy))));
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(actual.stream().noneMatch(l -> l.contains("AmdResult")));
    }

    /**
     * The 43 variation: with reordering on, AMD's VarSets come after the far end's Hangup (run 1) or before it
     * (runs 2 and 3); everything else stays the transcript's.
     */
    @Test
    void hangupDuringAnalysisShowsBothCapturedOrdersWhenReordering() throws Exception {
        List<String> captured = withoutHangups(contract(AmdCalls.transcript("43-amd-hangup-during-analysis")));
        Set<Boolean> farEndHangupFirst = new HashSet<>();
        try (PbxSimulator reordering = SimulatorTestSupport.fastSimulator(ReorderMode.seeded(7))) {
            for (int i = 0; i < 32 && farEndHangupFirst.size() < 2; i++) {
                List<String> actual = contract(AmdCalls.run(reordering, "+17065554363", "DynamicIVR",
                        AmdCalls.HANGUP_ID, withTransfer(amd("detect"))));
                assertEquals(captured, withoutHangups(actual));
                farEndHangupFirst.add(actual.indexOf("Hangup O;2 Cause=16")
                        < actual.indexOf("VarSet O;1 AMDSTATUS=HANGUP"));
            }
        }
        assertEquals(Set.of(true, false), farEndHangupFirst);
    }

    private static List<String> withoutHangups(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("Hangup ")).toList();
    }

    @Test
    void amdArgumentsComeFromTheVariablesAndChangeTheResult() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>(amd("detect"));
        vars.put("OUTCALL_AMD_GREETING", "500");
        List<RawAmiClient.Msg> events = AmdCalls.run(pbx, "+17065554061", "DynamicIVR", AmdCalls.HUMAN_ID,
                withTransfer(vars));
        List<String> steps = AmdCalls.describe(events, m -> m.isEvent("Newexten") || m.isEvent("UserEvent"));
        // the dialplan passes ${OUTCALL_AMD_*} as they are: unset ones are empty and AMD() takes amd.conf's value
        assertTrue(steps.contains("Newexten O;1 DynamicIVR,amd,1 AMD(,500,,,,,,,)"), String.join("\n", steps));
        assertTrue(steps.contains("UserEvent O;1 AmdResult CallId=" + AmdCalls.HUMAN_ID
                + " Status=MACHINE Cause=LONGGREETING-500-500"), String.join("\n", steps));

        vars.put("OUTCALL_AMD_TOTAL_ANALYSIS_TIME", "3000");
        List<String> notSure = contract(AmdCalls.run(pbx, "+17065554566", "DynamicIVR", AmdCalls.NOTSURE_ID,
                withTransfer(vars)));
        assertTrue(notSure.contains("UserEvent O;1 AmdResult CallId=" + AmdCalls.NOTSURE_ID
                + " Status=NOTSURE Cause=TOOLONG-2900"), String.join("\n", notSure));
    }

    /** {@code OUTCALL_AMD=off} (or any value but the three) is the call without AMD: same events, but the echo. */
    @ParameterizedTest(name = "AMD off on {0}: unchanged")
    @CsvSource({"+17065554061", "+17065554162", "+17065554363", "+17065554566", "+17065551231", "+17065551235"})
    void offLeavesTheCallUnchanged(String number) throws Exception {
        String id = "01M8OFF" + number.substring(2);
        String without = comparable(AmdCalls.describe(
                AmdCalls.run(pbx, number, "DynamicIVR", id, withTransfer(Map.of())),
                m -> !m.isEvent("DeviceStateChange")));
        for (String value : new String[] {"off", "", "Detect"}) {
            String off = comparable(AmdCalls.describe(AmdCalls.run(pbx, number, "DynamicIVR", id,
                    withTransfer(Map.of("OUTCALL_AMD", value))),
                    m -> !m.isEvent("DeviceStateChange") && !"OUTCALL_AMD".equals(m.get("Variable"))));
            assertEquals(without, off, "OUTCALL_AMD=" + value);
        }
    }

    /** Local channel suffixes count up from call to call and Dial()'s *TIME variables are wall-clock readings. */
    private static String comparable(List<String> lines) {
        return String.join("\n", lines).replaceAll("-[0-9a-f]{8};", "-N;").replaceAll("TIME(_MS)?=\\d+", "TIME$1=n");
    }

    private static List<String> contract(List<RawAmiClient.Msg> events) {
        return AmdCalls.describe(events, AmdCalls::contractEvent);
    }

    private static List<String> untilAmdResult(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("UserEvent O;1 AmdResult")) {
                return lines.subList(0, i + 1);
            }
        }
        throw new AssertionError("no AmdResult in\n" + String.join("\n", lines));
    }

    private static Map<String, String> amd(String strategy) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("OUTCALL_AMD", strategy);
        vars.put("OUTCALL_VM_PROMPT", "outcall-test/message");
        vars.put("OUTCALL_VM_WAIT_SILENCE_MS", "1500");
        return vars;
    }

    private static Map<String, String> withTransfer(Map<String, String> vars) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("TRANSFER_NUMBER", "+14045550199");
        all.putAll(vars);
        return all;
    }
}
