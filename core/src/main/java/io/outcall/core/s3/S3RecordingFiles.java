package io.outcall.core.s3;

import io.outcall.core.recording.RecordingFiles;
import io.outcall.core.recording.RecordingKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/** Recordings in the audio bucket; the presigner is only needed by the API (null on the bridge). */
public final class S3RecordingFiles implements RecordingFiles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3RecordingFiles(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file, String retentionTag) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType("audio/wav");
        if (retentionTag != null) {
            request.tagging(RecordingKeys.RETENTION_TAG + "=" + retentionTag);
        }
        s3.putObject(request.build(), RequestBody.fromFile(file));
    }

    @Override
    public OptionalLong size(String key) {
        try {
            return OptionalLong.of(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException gone) {
            return OptionalLong.empty();
        }
    }

    @Override
    public URL presignedGet(String key, Duration validFor) {
        return presigner.presignGetObject(b -> b.signatureDuration(validFor)
                .getObjectRequest(g -> g.bucket(bucket).key(key))).url();
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
}
