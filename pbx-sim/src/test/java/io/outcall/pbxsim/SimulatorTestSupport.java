package io.outcall.pbxsim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Shared setup: a fast simulator on an ephemeral port and an Originate in the traces' exact form. */
final class SimulatorTestSupport {

    private SimulatorTestSupport() {
    }

    static PbxSimulator fastSimulator(ReorderMode reorder) throws IOException {
        return PbxSimulator.start(SimulatorConfig.builder().port(0).timeScale(0.01).reorder(reorder).build());
    }

    static void originate(RawAmiClient c, String number, String context, String actionId, String channelId,
                          String callId) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "Action: Originate",
                "Channel: Local/" + number + "@outbound",
                "Context: " + context,
                "Exten: s",
                "Priority: 1",
                "CallerID: \"Acme\" <+14045550100>",
                "Timeout: " + (number.endsWith("3") ? 5000 : 30000),
                "Async: true",
                "ActionID: " + actionId));
        if (channelId != null) {
            lines.add("ChannelId: " + channelId);
        }
        lines.add("Variable: CALL_ID=" + callId);
        lines.add("Variable: TRANSFER_NUMBER=+14045550199");
        c.send(lines.toArray(String[]::new));
    }

    /** Events about one call: every event whose Linkedid (or DestLinkedid) is the call's, plus its OriginateResponse. */
    static List<RawAmiClient.Msg> eventsOfCall(RawAmiClient c, String linkedid, String actionId) {
        return c.matching(m -> m.event() != null && (linkedid.equals(m.get("Linkedid"))
                || linkedid.equals(m.get("DestLinkedid")) || linkedid.equals(m.get("LocalOneLinkedid"))
                || actionId.equals(m.get("ActionID"))));
    }

    /** Short channel names as the .summary.txt files use them: O;1/O;2 for the first pair, T;1/T;2 next. */
    static final class ChannelShortener {
        private final List<String> pairs = new ArrayList<>();

        String shorten(String channel) {
            if (channel == null || !channel.startsWith("Local/")) {
                return "";
            }
            int semi = channel.lastIndexOf(';');
            if (semi < 0) {
                return "";
            }
            String pair = channel.substring(0, semi);
            if (!pairs.contains(pair)) {
                pairs.add(pair);
            }
            return "OTUVWXYZ".charAt(pairs.indexOf(pair)) + channel.substring(semi);
        }
    }
}
