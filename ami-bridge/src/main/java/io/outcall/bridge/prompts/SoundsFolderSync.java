package io.outcall.bridge.prompts;

import io.outcall.core.prompt.PromptKeys;
import io.outcall.core.prompt.PromptLimits;
import io.outcall.core.tenant.TenantValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps {@code <sounds>/outcall/<tenant>/<name>.wav} (and {@code .ulaw}) the same as the converted
 * prompts under {@code prompts/} in the audio bucket. One pass lists the prefix (ETags included,
 * 1,000 keys a request), downloads only what differs from the file on disk (a single-part PUT's ETag
 * is its MD5, so a restart downloads nothing that is already there), and removes files whose prompt
 * is gone. Each file is written to a temporary file in the same folder and renamed over the old one,
 * so Asterisk never opens half a file. The {@code outcall/<tenant>/} folders belong to this pass:
 * anything else in them is removed; files beside them (an operator's {@code outcall/reminder.wav})
 * are never touched.
 */
public final class SoundsFolderSync {

    /** What one pass changed. */
    public record Pass(int listed, int downloaded, int removed) {
    }

    private static final Logger log = LoggerFactory.getLogger(SoundsFolderSync.class);
    private static final Pattern KEY = Pattern.compile(Pattern.quote(PromptKeys.PROMPTS) + "("
            + TenantValidation.TENANT_ID.pattern() + ")/(" + PromptLimits.NAME.pattern() + ")\\.(wav|ulaw)");
    private static final Pattern FILE = Pattern.compile("(" + PromptLimits.NAME.pattern() + ")\\.(wav|ulaw)");
    private static final String TEMP_PREFIX = ".sync-";

    private final S3Client s3;
    private final String bucket;
    private final Path outcall;
    /** Files this process has checked or written, so an unchanged file is not read again each pass. */
    private final Map<Path, Known> known = new HashMap<>();

    private record Known(String etag, long size, FileTime modified) {
    }

    /** @param sounds Asterisk's sounds folder (e.g. /var/lib/asterisk/sounds); prompts go under its outcall/ */
    public SoundsFolderSync(S3Client s3, String bucket, Path sounds) {
        this.s3 = s3;
        this.bucket = bucket;
        this.outcall = sounds.resolve("outcall");
    }

    /** One pass; a failure to reach S3 or write the folder throws, and the next pass starts over. */
    public Pass syncOnce() {
        Map<Path, String> wanted = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PromptKeys.PROMPTS)).contents()) {
            Matcher key = KEY.matcher(object.key());
            if (key.matches()) {
                wanted.put(outcall.resolve(key.group(1)).resolve(key.group(2) + "." + key.group(3)), etag(object.eTag()));
            }
        }
        int downloaded = 0;
        for (Map.Entry<Path, String> file : wanted.entrySet()) {
            if (!file.getValue().equals(etagOnDisk(file.getKey())) && download(file.getKey(), file.getValue())) {
                downloaded++;
            }
        }
        return new Pass(wanted.size(), downloaded, removeUnwanted(wanted));
    }

    private boolean download(Path target, String etag) {
        Path tenantFolder = target.getParent();
        String key = PromptKeys.PROMPTS + outcall.relativize(target).toString().replace('\\', '/');
        try {
            Files.createDirectories(tenantFolder);
            Path temp = Files.createTempFile(tenantFolder, TEMP_PREFIX, ".tmp");
            try {
                try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchKeyException deleted) {
                    return false; // deleted since the listing: the next pass removes it
                }
                if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                    // Temporary files are the owner's only; Asterisk may run as another user.
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                remember(target, etag);
                log.info("prompt {} written to {} (etag {})", key, target, etag);
                return true;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + " from " + key, e);
        }
    }

    private int removeUnwanted(Map<Path, String> wanted) {
        if (!Files.isDirectory(outcall)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> folders = Files.list(outcall)) {
            for (Path folder : folders.filter(Files::isDirectory)
                    .filter(f -> TenantValidation.TENANT_ID.matcher(f.getFileName().toString()).matches()).toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        if (!wanted.containsKey(file) && Files.isRegularFile(file) && removable(file)) {
                            Files.delete(file);
                            known.remove(file);
                            log.info("prompt file {} removed: its prompt is gone", file);
                            removed++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + outcall, e);
        }
        return removed;
    }

    /** A prompt's file, or a temporary file a crashed pass left. */
    private static boolean removable(Path file) {
        String name = file.getFileName().toString();
        return FILE.matcher(name).matches() || name.startsWith(TEMP_PREFIX);
    }

    private static String etag(String quoted) {
        return quoted == null ? "" : quoted.replace("\"", "");
    }

    /** The ETag S3 would give the file on disk (its MD5): remembered while size and time stay, else read. */
    private String etagOnDisk(Path file) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            Known seen = known.get(file);
            if (seen != null && seen.size() == Files.size(file) && seen.modified().equals(Files.getLastModifiedTime(file))) {
                return seen.etag();
            }
        } catch (IOException e) {
            return "";
        }
        String etag = md5(file);
        remember(file, etag);
        return etag;
    }

    private void remember(Path file, String etag) {
        try {
            known.put(file, new Known(etag, Files.size(file), Files.getLastModifiedTime(file)));
        } catch (IOException e) {
            known.remove(file);
        }
    }

    private static String md5(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
            DigestInputStream digest = (DigestInputStream) in;
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
