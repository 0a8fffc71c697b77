package io.outcall.functions.prompts;

import io.outcall.core.dynamo.DynamoTenantStore;
import io.outcall.core.tenant.Tenant;
import io.outcall.functions.PromptWiring;
import io.outcall.localaws.LocalServices;
import io.outcall.localaws.S3EventSource;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * DynamoDB Local and s3proxy in this JVM with the template's tables and buckets, the prompts'
 * wiring over them, and the local S3 notification that runs the conversion as Lambda would.
 */
final class LocalPrompts implements AutoCloseable {

    final LocalServices aws;
    final PromptWiring wiring;
    final String bucket;

    LocalPrompts(String... tenants) {
        aws = LocalServices.startInMemory();
        bucket = aws.bucketName("AudioBucket");
        wiring = PromptWiring.of("TenantsTable", aws.dynamoDb(), aws.s3(), aws.s3Presigner(), bucket, Clock.systemUTC());
        for (String tenant : tenants) {
            new DynamoTenantStore(aws.dynamoDb(), "TenantsTable").put(new Tenant(tenant, "Prompts", "US",
                    List.of("outbound"), "outbound", List.of()));
        }
    }

    /** Runs the local S3 notification once over the uploads under {@code prefix}; how many it delivered. */
    int notifyUploads(String prefix) {
        PromptConversionHandler handler = new PromptConversionHandler(wiring.conversion(),
                new PrintStream(OutputStream.nullOutputStream()));
        return new S3EventSource(aws.s3(), bucket, prefix, ".wav", event -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).pollOnce();
    }

    boolean exists(String key) {
        return !aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().isEmpty();
    }

    /** A 440 Hz tone as a 16-bit PCM WAV. */
    static byte[] tone(float rate, int channels, double seconds) {
        int frames = (int) Math.round(rate * seconds);
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames * channels; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * (i / channels) / rate) * 12_000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), new AudioFormat(rate, 16, channels, true,
                    false), frames), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        aws.close();
    }
}
