package io.outcall.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No two of core's packages depend on each other, even through others: ports and records beside
 * their domain, adapters (core.dynamo) depending on them and never the other way round. Read from
 * the sources, so that a cycle is named with the files that make it.
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** Imports, static imports and fully qualified names alike: a core package, then a type. */
    private static final Pattern USE = Pattern.compile("\\b(io\\.outcall\\.core\\.[a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]");

    @Test
    void corePackagesFormNoCycle() {
        Map<String, Map<String, String>> uses = dependencies();
        assertTrue(uses.size() > 5, "read too few packages from " + SOURCES.toAbsolutePath() + ": " + uses.keySet());

        List<String> cycles = new ArrayList<>();
        for (List<String> component : new StronglyConnected(uses).components()) {
            if (component.size() > 1) {
                StringBuilder why = new StringBuilder(String.join(" <-> ", component));
                for (String from : component) {
                    uses.get(from).forEach((to, file) -> {
                        if (component.contains(to)) {
                            why.append("\n    ").append(from).append(" -> ").append(to).append(" (").append(file).append(')');
                        }
                    });
                }
                cycles.add(why.toString());
            }
        }
        assertEquals(List.of(), cycles, "package cycles in core; move the port or record the adapter needs"
                + " beside its domain so that dependencies point one way");
    }

    /** package -> (package it uses -> the first file that uses it). */
    private static Map<String, Map<String, String>> dependencies() {
        Map<String, Map<String, String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher declared = PACKAGE.matcher(text);
                if (!declared.find()) {
                    continue;
                }
                String from = declared.group(1);
                Map<String, String> targets = uses.computeIfAbsent(from, p -> new TreeMap<>());
                Matcher use = USE.matcher(text);
                while (use.find()) {
                    if (!use.group(1).equals(from)) {
                        targets.putIfAbsent(use.group(1), SOURCES.relativize(file).toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read core's sources under " + SOURCES.toAbsolutePath(), e);
        }
        return uses;
    }

    /** Tarjan's strongly connected components: each component of more than one package is a cycle. */
    private static final class StronglyConnected {
        private final Map<String, Map<String, String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final List<List<String>> components = new ArrayList<>();

        StronglyConnected(Map<String, Map<String, String>> graph) {
            this.graph = graph;
        }

        List<List<String>> components() {
            graph.keySet().forEach(p -> {
                if (!index.containsKey(p)) {
                    visit(p);
                }
            });
            return components;
        }

        private void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            for (String q : graph.getOrDefault(p, Map.of()).keySet()) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (stack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                List<String> component = new ArrayList<>();
                String q;
                do {
                    q = stack.pop();
                    component.add(q);
                } while (!q.equals(p));
                components.add(component.reversed());
            }
        }
    }
}
