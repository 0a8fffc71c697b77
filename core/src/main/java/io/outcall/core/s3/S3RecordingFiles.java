package io.outcall.core.s3;

import io.outcall.core.recording.RecordingFiles;
import io.outcall.core.recording.RecordingKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/** Recordings in the audio bucket; the presigner is only needed by the API (null on the bridge). */
public final class S3RecordingFiles implements RecordingFiles {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private static final int NOT_IMPLEMENTED = 501;
    private volatile boolean tagsImplemented = true;

    public S3RecordingFiles(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public boolean put(String key, Path file, String retentionTag) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType("audio/wav");
        if (retentionTag == null) {
            s3.putObject(request.build(), RequestBody.fromFile(file));
            return true;
        }
        request.metadata(Map.of(RecordingKeys.RETENTION_TAG, retentionTag));
        if (tagsImplemented) {
            try {
                s3.putObject(request.build().toBuilder().tagging(RecordingKeys.RETENTION_TAG + "=" + retentionTag)
                        .build(), RequestBody.fromFile(file));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() != NOT_IMPLEMENTED) {
                    throw e;
                }
                // S3 itself always implements tags; a stand-in that answers 501 to the header never will.
                tagsImplemented = false;
            }
        }
        s3.putObject(request.build(), RequestBody.fromFile(file));
        return false;
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
