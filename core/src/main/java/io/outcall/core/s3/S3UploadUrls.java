package io.outcall.core.s3;

import io.outcall.core.prompt.UploadUrls;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Presigned PUT URLs into the audio bucket. Content-Type and Content-Length are signed headers, so
 * S3 refuses (403) a PUT that sends another type or size than the one declared.
 */
public final class S3UploadUrls implements UploadUrls {

    private final S3Presigner presigner;
    private final String bucket;

    public S3UploadUrls(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public URI put(String key, String contentType, long bytes, Duration validity) {
        try {
            return presigner.presignPutObject(p -> p.signatureDuration(validity).putObjectRequest(o -> o.bucket(bucket)
                    .key(key).contentType(contentType).contentLength(bytes))).url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the presigner made a URL that is no URI", e);
        }
    }
}
