package io.outcall.pbxsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a crash soak reads from the simulator: accepted Originates per ChannelId, and a gate that drops one. */
class OriginateLedgerTest {

    private PbxSimulator pbx;

    @BeforeEach
    void start() throws Exception {
        pbx = SimulatorTestSupport.fastSimulator(ReorderMode.off());
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void countsEveryAcceptedOriginateOfAChannelId() throws Exception {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065551237", "DynamicIVR", "a-1", "call-twice", "call-twice");
            SimulatorTestSupport.originate(c, "+17065551237", "DynamicIVR", "a-2", "call-twice", "call-twice");
            SimulatorTestSupport.originate(c, "+17065551237", "DynamicIVR", "a-3", "call-once", "call-once");
            c.await(m -> "a-3".equals(m.get("ActionID")) && m.event() == null);

            assertEquals(2, pbx.originateLedger().acceptedFor("call-twice"));
            assertEquals(1, pbx.originateLedger().acceptedFor("call-once"));
            assertEquals(0, pbx.originateLedger().acceptedFor("never-sent"));
        }
    }

    @Test
    void aDroppedOriginateIsNeitherAnsweredNorRunNorCounted() throws Exception {
        pbx.originateGate(channelId -> "call-dropped".equals(channelId)
                ? OriginateGate.Decision.DROP : OriginateGate.Decision.PROCEED);
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            SimulatorTestSupport.originate(c, "+17065551237", "DynamicIVR", "drop-1", "call-dropped", "call-dropped");
            SimulatorTestSupport.originate(c, "+17065551237", "DynamicIVR", "pass-1", "call-passed", "call-passed");
            // One session's actions are handled in order: once the second is fully over, the first was decided.
            c.await(m -> m.isEvent("OriginateResponse") && "pass-1".equals(m.get("ActionID")));

            assertTrue(c.matching(m -> "drop-1".equals(m.get("ActionID"))
                    || "call-dropped".equals(m.get("Linkedid"))).isEmpty(), "nothing of the dropped Originate");
            assertEquals(0, pbx.originateLedger().acceptedFor("call-dropped"));
            assertEquals(1, pbx.originateLedger().acceptedFor("call-passed"));
        }
    }
}
