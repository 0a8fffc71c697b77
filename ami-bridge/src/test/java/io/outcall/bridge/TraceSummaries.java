package io.outcall.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The captured ami-traces of a real Asterisk 22, found in ../shared beside the repository. */
final class TraceSummaries {

    private static final Pattern LINE = Pattern.compile("^\\s*\\d+\\.\\s+(\\S+)(?:\\s+(\\S+))?(?:\\s+(\\S+))?");
    /** What the bridge keeps on a call's timeline (DESIGN.md: not VarSet, Newexten, ...). */
    private static final Set<String> PERSISTED = Set.of("Newchannel", "Newstate", "DialBegin", "DialState", "DialEnd",
            "BridgeEnter", "BridgeLeave", "Hangup", "UserEvent", "OriginateResponse");

    private TraceSummaries() {
    }

    static Path tracesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/ami-traces");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = dir.resolveSibling("shared").resolve("ami-traces");
            if (Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("ami-traces not found: ../shared/ami-traces must sit beside the repository");
    }

    static byte[] raw(String trace) {
        try {
            return Files.readAllBytes(tracesDir().resolve(trace + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String file) {
        try {
            return Files.readString(tracesDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The timeline a call of this trace should get, in order: persisted event names, UserEvents by name. */
    static List<String> persistedTimeline(String trace) {
        List<String> names = new ArrayList<>();
        for (String line : text(trace + ".summary.txt").split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find() || !PERSISTED.contains(m.group(1))) {
                continue;
            }
            names.add(m.group(1).equals("UserEvent") ? "UserEvent:" + m.group(3) : m.group(1));
        }
        return names;
    }

    static List<String> withoutOriginateResponse(List<String> names) {
        return names.stream().filter(n -> !n.equals("OriginateResponse")).toList();
    }

    /** The id of the trace's call: its first channel's Linkedid, the ChannelId the Originate gave it. */
    static String callIdOf(String trace) {
        return messages(trace).stream().filter(m -> "Newchannel".equals(m.get("Event"))).findFirst().orElseThrow()
                .get("Linkedid");
    }

    /** The ActionID of the Originate the trace's client sent (its .sent.txt). */
    static String originateActionId(String trace) {
        Matcher m = Pattern.compile("Action: Originate\\r\\n(?:[^\\r]*\\r\\n)*?ActionID: ([^\\r]+)")
                .matcher(text(trace + ".sent.txt"));
        if (!m.find()) {
            throw new IllegalStateException("no Originate in " + trace + ".sent.txt");
        }
        return m.group(1);
    }

    /** The trace's events, byte for byte: every message that is an event, without the banner. */
    static byte[] events(String trace) {
        String raw = new String(raw(trace), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : raw.substring(raw.indexOf("\r\n") + 2).split("\r\n\r\n")) {
            if (message.startsWith("Event:")) {
                out.writeBytes((message + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** The trace's messages (responses and events), each as its headers, the first of a repeated name kept. */
    static List<Map<String, String>> messages(String trace) {
        String raw = new String(raw(trace), StandardCharsets.UTF_8);
        return java.util.Arrays.stream(raw.split("\r\n\r\n")).map(message -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : message.split("\r\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return headers;
        }).toList();
    }
}
