package io.outcall.core.s3;

import io.outcall.core.prompt.ConvertedPrompt;
import io.outcall.core.prompt.PromptFiles;
import io.outcall.core.prompt.PromptKeys;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;

/** Prompts' objects in the audio bucket. */
public final class S3PromptFiles implements PromptFiles {

    private final S3Client s3;
    private final String bucket;

    public S3PromptFiles(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<byte[]> readUpload(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteUpload(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void putConverted(String tenantId, String name, ConvertedPrompt converted) {
        s3.putObject(b -> b.bucket(bucket).key(PromptKeys.wav(tenantId, name)).contentType("audio/wav"),
                RequestBody.fromBytes(converted.wav()));
        s3.putObject(b -> b.bucket(bucket).key(PromptKeys.ulaw(tenantId, name)).contentType("audio/basic"),
                RequestBody.fromBytes(converted.ulaw()));
    }

    @Override
    public void deleteConverted(String tenantId, String name) {
        s3.deleteObject(b -> b.bucket(bucket).key(PromptKeys.wav(tenantId, name)));
        s3.deleteObject(b -> b.bucket(bucket).key(PromptKeys.ulaw(tenantId, name)));
    }
}
