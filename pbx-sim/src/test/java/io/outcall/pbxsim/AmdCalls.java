package io.outcall.pbxsim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs one AMD call over a real AMI session and describes its events the way the AMD tests compare them with the
 * raw transcripts (ami-traces 40-45): one line per event, with its leg ({@code O;1}, {@code O;2}, {@code T;1}...)
 * and the fields that matter for it (VarSet's variable and value, Newexten's step, UserEvent's own fields, causes).
 */
final class AmdCalls {

    /** The transcripts' Originate ids (ChannelId = CALL_ID), reused so CALL_ID values compare literally. */
    static final String HUMAN_ID = "01M8SS4796WD9JWW0NWDQ214YH";
    static final String MACHINE_ID = "01M8SS51HTJ43M39922S2XXWYH";
    static final String HANGUP_ID = "01M8SS7ZFM1AGX0J2EXCVKBEQ9";
    static final String NOTSURE_ID = "01M8SS8EZP2HEVMY8ASX2KZK88";

    private static final Set<String> SNAPSHOT = Set.of("Event", "Privilege", "Channel", "ChannelState",
            "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language",
            "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid", "UserEvent");
    private static final Set<String> NOT_CALL = Set.of("FullyBooted", "SuccessfulAuth");

    private AmdCalls() {
    }

    /** Originates {@code number} into {@code context} with ChannelId = CALL_ID = {@code id}; returns the call's events. */
    static List<RawAmiClient.Msg> run(PbxSimulator pbx, String number, String context, String id,
                                      Map<String, String> variables) throws IOException {
        try (RawAmiClient c = RawAmiClient.connect(pbx.port())) {
            c.login();
            List<String> lines = new ArrayList<>(List.of(
                    "Action: Originate",
                    "Channel: Local/" + number + "@outbound",
                    "Context: " + context,
                    "Exten: s",
                    "Priority: 1",
                    "CallerID: \"Acme\" <+14045550100>",
                    "Timeout: 30000",
                    "Async: true",
                    "ActionID: " + id,
                    "ChannelId: " + id,
                    "Variable: CALL_ID=" + id));
            variables.forEach((k, v) -> lines.add("Variable: " + k + "=" + v));
            c.send(lines.toArray(String[]::new));
            c.await(m -> m.isEvent("Hangup") && id.equals(m.get("Uniqueid")));
            c.await(m -> m.isEvent("Hangup") && (id + ";2").equals(m.get("Uniqueid")));
            // The call's last burst ends with its device going back to NOT_INUSE; a Ping sent before the
            // burst is all out could be answered in the middle of it.
            c.await(m -> m.isEvent("DeviceStateChange") && "NOT_INUSE".equals(m.get("State"))
                    && ("Local/" + number + "@outbound").equals(m.get("Device")));
            // A far end that hangs up during the IVR's Dial() leaves the transfer leg to be torn down after
            // the call's own device is free (FarEndScript: ";1 follows, then the transfer legs"): wait for
            // every channel's Hangup and the transfer device, or the Ping can overtake that teardown.
            c.awaitCount(m -> m.isEvent("Hangup"), c.matching(m -> m.isEvent("Newchannel")).size());
            String transfer = variables.get("TRANSFER_NUMBER");
            if (transfer != null && !c.matching(m -> m.isEvent("Newchannel")
                    && m.get("Channel").startsWith("Local/" + transfer + "@outbound")).isEmpty()) {
                c.await(m -> m.isEvent("DeviceStateChange") && "NOT_INUSE".equals(m.get("State"))
                        && ("Local/" + transfer + "@outbound").equals(m.get("Device")));
            }
            // the session's queue is FIFO: once the Pong is here, every event of the call is too
            c.send("Action: Ping", "ActionID: ping-" + id);
            c.await(m -> ("ping-" + id).equals(m.get("ActionID")));
            return c.matching(m -> m.event() != null && !NOT_CALL.contains(m.event()));
        }
    }

    /** The events of a raw transcript in test resources ({@code /traces/<name>.txt}). */
    static List<RawAmiClient.Msg> transcript(String name) throws IOException {
        String raw;
        try (InputStream in = AmdCalls.class.getResourceAsStream("/traces/" + name + ".txt")) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<RawAmiClient.Msg> events = new ArrayList<>();
        for (String message : raw.split("\r\n\r\n")) {
            List<String[]> headers = new ArrayList<>();
            for (String line : message.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String value = line.substring(colon + 1);
                    headers.add(new String[] {line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value});
                }
            }
            RawAmiClient.Msg m = new RawAmiClient.Msg(headers);
            if (m.event() != null && !NOT_CALL.contains(m.event())) {
                events.add(m);
            }
        }
        return events;
    }

    /** One line per event that {@code keep} accepts, legs shortened in order of appearance. */
    static List<String> describe(List<RawAmiClient.Msg> events, Predicate<RawAmiClient.Msg> keep) {
        SimulatorTestSupport.ChannelShortener names = new SimulatorTestSupport.ChannelShortener();
        List<String> lines = new ArrayList<>();
        for (RawAmiClient.Msg m : events) {
            String leg = names.shorten(m.get("Channel") != null ? m.get("Channel") : m.get("DestChannel"));
            if (keep.test(m)) {
                lines.add((m.event() + " " + leg + " " + detail(m)).strip());
            }
        }
        return lines;
    }

    /** What the contract is about: AMD's and WaitForSilence's variables, every UserEvent, the Hangups. */
    static boolean contractEvent(RawAmiClient.Msg m) {
        return switch (m.event()) {
            case "VarSet" -> Set.of("AMDSTATUS", "AMDCAUSE", "WAITSTATUS").contains(m.get("Variable"));
            case "UserEvent", "Hangup" -> true;
            default -> false;
        };
    }

    private static String detail(RawAmiClient.Msg m) {
        return switch (m.event()) {
            case "VarSet" -> m.get("Variable") + "=" + m.get("Value");
            case "Newexten" -> m.get("Context") + "," + m.get("Exten") + "," + m.get("Priority") + " "
                    + m.get("Application") + "(" + m.get("AppData") + ")";
            case "UserEvent" -> {
                StringBuilder b = new StringBuilder(m.get("UserEvent"));
                for (Map.Entry<String, String> e : m.asMap().entrySet()) {
                    if (!SNAPSHOT.contains(e.getKey())) {
                        b.append(' ').append(e.getKey()).append('=').append(e.getValue());
                    }
                }
                yield b.toString();
            }
            case "Hangup", "HangupRequest", "SoftHangupRequest" -> "Cause=" + m.get("Cause");
            case "Newstate" -> m.get("ChannelStateDesc");
            case "DialEnd", "DialState" -> m.get("DialStatus");
            case "DeviceStateChange" -> m.get("Device") + " " + m.get("State");
            case "OriginateResponse" -> m.get("Response") + " " + m.get("Reason");
            default -> "";
        };
    }
}
