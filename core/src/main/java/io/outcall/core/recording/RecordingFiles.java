package io.outcall.core.recording;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** Recordings' objects in the audio bucket. */
public interface RecordingFiles {

    /**
     * Uploads {@code file} to {@code key}, tagged with {@code retentionTag} (null: the bucket's maximum)
     * and carrying it as metadata {@code outcall-retention} too.
     *
     * @return false when a tag was asked for but the store does not implement object tags (s3proxy,
     *         locally): the object is stored untagged, so kept by the bucket's maximum
     */
    boolean put(String key, Path file, String retentionTag);

    /** The stored object's size; empty when there is none. */
    OptionalLong size(String key);

    /** A GET URL anyone holding it may use for {@code validFor}. */
    URL presignedGet(String key, Duration validFor);

    void delete(String key);
}
