package io.outcall.localaws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon DynamoDB Local, started inside this JVM on a loopback port.
 *
 * <p>DynamoDB Local stores its data through sqlite4java, whose native library Maven resolves as a
 * bare {@code .so} next to the jars. sqlite4java only looks for it in a directory, under its
 * canonical name, so it is copied once into a private folder before the server starts.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private LocalDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory instance on a free port. */
    public static LocalDynamoDb startInMemory() {
        return start(Ports.free(), null);
    }

    /**
     * Starts an instance on {@code port}; {@code dataDir} null keeps data in memory, otherwise the
     * database file lives there and survives restarts.
     */
    public static LocalDynamoDb start(int port, Path dataDir) {
        System.setProperty("sqlite4java.library.path", nativeLibraryDir().toString());
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create DynamoDB Local data folder " + dataDir, e);
            }
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new LocalDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    /**
     * Where sqlite4java's native library is: a folder already named by {@code sqlite4java.library.path},
     * a {@code .so} on the class path (a plain java -cp launch), or the Maven repository beside the
     * sqlite4java jar (surefire's booter jar hides the class path).
     */
    private static Path nativeLibraryDir() {
        String configured = System.getProperty("sqlite4java.library.path");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String canonical = canonicalLibraryName();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry);
            String name = candidate.getFileName() == null ? "" : candidate.getFileName().toString();
            if (name.startsWith(canonical) && !name.endsWith(".jar")) {
                return copyUnderCanonicalName(candidate, canonical + name.substring(name.lastIndexOf('.')));
            }
        }
        try {
            // <repo>/com/almworks/sqlite4java/sqlite4java/<v>/sqlite4java-<v>.jar
            // sqlite4java is a runtime-only dependency of DynamoDB Local, hence the lookup by name.
            Path jar = Path.of(Class.forName("com.almworks.sqlite4java.SQLite").getProtectionDomain().getCodeSource().getLocation().toURI());
            Path versionDir = jar.getParent();
            String version = versionDir.getFileName().toString();
            Path nativeDir = versionDir.getParent().getParent().resolve(canonical).resolve(version);
            try (var files = Files.list(nativeDir)) {
                Path library = files.filter(f -> f.getFileName().toString().startsWith(canonical + "-" + version + "."))
                        .filter(f -> !f.getFileName().toString().endsWith(".pom") && !f.getFileName().toString().endsWith(".sha1"))
                        .findFirst().orElseThrow();
                String fileName = library.getFileName().toString();
                return copyUnderCanonicalName(library, canonical + fileName.substring(fileName.lastIndexOf('.')));
            }
        } catch (Exception e) {
            throw new IllegalStateException("sqlite4java native library " + canonical + " was not found on the class"
                    + " path nor in the Maven repository; DynamoDB Local needs it (it comes with"
                    + " com.amazonaws:DynamoDBLocal), or set -Dsqlite4java.library.path", e);
        }
    }

    private static String canonicalLibraryName() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (os.contains("linux")) {
            return "libsqlite4java-linux-" + (arch.equals("aarch64") ? "aarch64" : "amd64");
        }
        return os.contains("mac") ? "libsqlite4java-osx" : "sqlite4java-win32-x64";
    }

    private static Path copyUnderCanonicalName(Path library, String canonicalFileName) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "outcall-sqlite4java-" + Files.size(library));
            Files.createDirectories(dir);
            Path target = dir.resolve(canonicalFileName);
            if (!Files.exists(target) || Files.size(target) != Files.size(library)) {
                Path partial = Files.createTempFile(dir, "lib", ".part");
                Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sqlite4java native library", e);
        }
    }
}
