package io.outcall.bench.coldstart;

import io.outcall.bench.coldstart.child.ColdStartRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An untimed child with class loading logged: how many classes came from where (JDK, archive, jars). */
final class ClassSources {

    private ClassSources() {
    }

    static Map<String, Integer> count(ChildJvm children, Path work, Path functionsJar, Path runnerJar, String label,
                                      List<String> options) throws IOException, InterruptedException {
        Path log = work.resolve("class-load-" + label + ".log");
        Files.deleteIfExists(log);
        List<String> withLog = new ArrayList<>(options);
        withLog.add("-Xlog:class+load=info:file=" + log);
        children.run("diagnostic " + label, ColdStartRunner.MAKE_CALL_HANDLER, withLog);
        Map<String, Integer> counts = new TreeMap<>();
        int total = 0;
        try (Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int at = line.indexOf(" source: ");
                if (at >= 0) {
                    counts.merge(kind(line.substring(at + " source: ".length()), functionsJar, runnerJar), 1, Integer::sum);
                    total++;
                }
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        result.put("total", total);
        result.putAll(counts);
        return result;
    }

    private static String kind(String source, Path functionsJar, Path runnerJar) {
        if (source.startsWith("shared objects file (top)")) {
            return "app archive";
        } else if (source.startsWith("shared objects file")) {
            return "JDK base archive";
        } else if (source.startsWith("jrt:/")) {
            return "JDK modules";
        } else if (source.contains(functionsJar.getFileName().toString())) {
            return "functions jar";
        } else if (source.contains(runnerJar.getFileName().toString())) {
            return "runner jar";
        }
        return "generated";
    }
}
