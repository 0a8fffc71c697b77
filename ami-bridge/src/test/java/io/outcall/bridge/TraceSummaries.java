package io.outcall.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
