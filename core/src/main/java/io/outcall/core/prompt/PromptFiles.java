package io.outcall.core.prompt;

/** The audio bucket as prompts use it (S3 on AWS, s3proxy locally). */
public interface PromptFiles {

    /** The whole upload; absent when it is gone (converted already, or deleted). */
    java.util.Optional<byte[]> readUpload(String key);

    void deleteUpload(String key);

    /** Writes the WAV and the µ-law copy under prompts/, each object whole or not at all (S3 PUT). */
    void putConverted(String tenantId, String name, ConvertedPrompt converted);

    void deleteConverted(String tenantId, String name);
}
