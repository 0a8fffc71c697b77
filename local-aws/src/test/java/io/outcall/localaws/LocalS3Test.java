package io.outcall.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local S3 server as the code will use it: template buckets, presigned URLs over real HTTP, events. */
class LocalS3Test {

    private static LocalServices aws;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        aws = LocalServices.startInMemory();
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void theTemplatesAudioBucketExistsUnderItsLocalName() {
        String bucket = aws.bucketName("AudioBucket");
        assertEquals("audiobucket", bucket);
        assertTrue(aws.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket)));
    }

    @Test
    void aPresignedPutWithTypeAndLengthThenAPresignedGetRoundTripOverHttp() throws Exception {
        String bucket = aws.bucketName("AudioBucket");
        byte[] body = "RIFF....WAVEfmt pretend audio".getBytes(StandardCharsets.US_ASCII);
        try (S3Presigner presigner = aws.s3Presigner()) {
            PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(bucket).key("uploads/t1/hello/u1.wav").contentType("audio/wav")
                            .contentLength((long) body.length)));
            assertTrue(put.signedHeaders().containsKey("content-length"), "the length is signed: " + put.signedHeaders());
            HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(put.url().toURI())
                    .header("Content-Type", "audio/wav").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stored.statusCode(), stored.body());

            PresignedGetObjectRequest get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket(bucket).key("uploads/t1/hello/u1.wav")));
            HttpResponse<byte[]> read = HTTP.send(HttpRequest.newBuilder(get.url().toURI()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, read.statusCode());
            assertArrayEquals(body, read.body());
            assertEquals("audio/wav", read.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void aPresignedPutRefusesABodyOfAnotherLengthOrType() throws Exception {
        String bucket = aws.bucketName("AudioBucket");
        try (S3Presigner presigner = aws.s3Presigner()) {
            PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(bucket).key("uploads/t1/hello/u2.wav").contentType("audio/wav")
                            .contentLength(10L)));
            URI url = put.url().toURI();
            HttpResponse<String> longer = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "audio/wav")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[11])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, longer.statusCode(), longer.body());
            HttpResponse<String> otherType = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "text/html")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, otherType.statusCode(), otherType.body());
            assertTrue(aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix("uploads/t1/hello/u2")).contents().isEmpty());
        }
    }

    @Test
    void newObjectsUnderThePrefixBecomeS3EventsOnceEach() throws Exception {
        String bucket = aws.bucketName("AudioBucket");
        List<String> events = new ArrayList<>();
        S3EventSource source = new S3EventSource(aws.s3(), bucket, "uploads/ev/", ".wav", events::add);
        aws.s3().putObject(b -> b.bucket(bucket).key("uploads/ev/my prompt/ü+1.wav"), RequestBody.fromBytes(new byte[7]));
        aws.s3().putObject(b -> b.bucket(bucket).key("uploads/ev/other.txt"), RequestBody.fromBytes(new byte[1]));
        aws.s3().putObject(b -> b.bucket(bucket).key("prompts/ev/elsewhere.wav"), RequestBody.fromBytes(new byte[1]));

        assertEquals(1, source.pollOnce());
        assertEquals(0, source.pollOnce(), "an object is notified once");
        JsonNode record = new ObjectMapper().readTree(events.get(0)).path("Records").get(0);
        assertEquals("aws:s3", record.path("eventSource").asText());
        assertEquals("ObjectCreated:Put", record.path("eventName").asText());
        assertEquals(bucket, record.path("s3").path("bucket").path("name").asText());
        String key = record.path("s3").path("object").path("key").asText();
        assertEquals("uploads/ev/my+prompt/%C3%BC%2B1.wav", key);
        assertEquals("uploads/ev/my prompt/ü+1.wav", URLDecoder.decode(key, StandardCharsets.UTF_8));
        assertEquals(7, record.path("s3").path("object").path("size").asLong());
        String eTag = aws.s3().headObject(b -> b.bucket(bucket).key("uploads/ev/my prompt/ü+1.wav")).eTag();
        assertEquals(eTag.replace("\"", ""), record.path("s3").path("object").path("eTag").asText());

        aws.s3().putObject(b -> b.bucket(bucket).key("uploads/ev/my prompt/ü+1.wav"), RequestBody.fromBytes(new byte[8]));
        assertEquals(1, source.pollOnce(), "an overwrite is a new object");
    }

    @Test
    void aFailingFunctionIsInvokedThreeTimesInAll() {
        String bucket = aws.bucketName("AudioBucket");
        List<String> attempts = new ArrayList<>();
        S3EventSource source = new S3EventSource(aws.s3(), bucket, "uploads/fail/", ".wav", event -> {
            attempts.add(event);
            throw new IllegalStateException("conversion failed");
        });
        aws.s3().putObject(b -> b.bucket(bucket).key("uploads/fail/a.wav"), RequestBody.fromBytes(new byte[1]));
        for (int i = 0; i < 5; i++) {
            source.pollOnce();
        }
        assertEquals(S3EventSource.ATTEMPTS, attempts.size());
    }
}
