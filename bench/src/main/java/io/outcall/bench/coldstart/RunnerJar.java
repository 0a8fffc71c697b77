package io.outcall.bench.coldstart;

import io.outcall.bench.coldstart.child.ColdStartRunner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * runner.jar: the child side's package ({@link ColdStartRunner}, the bare handler and what they use),
 * nothing else of this module, so the children load only what Lambda would.
 */
final class RunnerJar {

    private RunnerJar() {
    }

    static Path write(Path jar) throws IOException, URISyntaxException {
        Path source = Path.of(ColdStartRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String dir = ColdStartRunner.class.getPackageName().replace('.', '/') + "/";
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(dir))) {
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().endsWith(".class")) {
                        classes.put(dir + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
        } else {
            try (JarFile from = new JarFile(source.toFile())) {
                for (JarEntry e : from.stream().toList()) {
                    String rest = e.getName().startsWith(dir) ? e.getName().substring(dir.length()) : "";
                    if (rest.endsWith(".class") && !rest.contains("/")) {
                        try (InputStream in = from.getInputStream(e)) {
                            classes.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes of " + dir + " found in " + source);
        }
        Path partial = Files.createTempFile(jar.getParent(), "runner", ".part");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey()));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
        return jar;
    }
}
