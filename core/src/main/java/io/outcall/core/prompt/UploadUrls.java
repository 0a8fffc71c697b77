package io.outcall.core.prompt;

import java.net.URI;
import java.time.Duration;

/** Hands out URLs that let a tenant PUT one object straight into the audio bucket (S3 presigned URLs). */
public interface UploadUrls {

    /**
     * A URL that stores exactly this key, sent with exactly this content type and length, for
     * {@code validity}; a request with another type or length is refused by the bucket.
     */
    URI put(String key, String contentType, long bytes, Duration validity);
}
