package io.outcall.localaws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plays S3's event notifications to Lambda against the local S3 server, which sends none: each
 * poll lists the objects under a prefix (and with a suffix) and hands every one not handed over
 * before (by key and ETag, so an overwrite counts) to the function as an {@code ObjectCreated:Put}
 * S3 event, one record per invocation as S3 sends them. A function that throws is invoked again
 * on the next polls, at most {@link #ATTEMPTS} times in all, as Lambda retries an asynchronous
 * invocation twice. Objects already there when it starts count as new, as they would have been
 * notified. Not thread-safe: one poller owns it.
 */
public final class S3EventSource {

    /** Lambda's asynchronous invocation: the first try and two retries. */
    public static final int ATTEMPTS = 3;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String suffix;
    private final Consumer<String> function;
    private final Set<String> handed = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private long sequencer;

    /** @param function takes the event JSON; its answer is ignored, as for any asynchronous invocation */
    public S3EventSource(S3Client s3, String bucket, String prefix, String suffix, Consumer<String> function) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.suffix = suffix == null ? "" : suffix;
        this.function = function;
    }

    /** Lists once and invokes the function for each new object; returns how many were handed over. */
    public int pollOnce() {
        int count = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            String seen = object.key() + "\n" + object.eTag();
            if (!object.key().endsWith(suffix) || handed.contains(seen)) {
                continue;
            }
            count++;
            try {
                function.accept(event(object));
                handed.add(seen);
                failures.remove(seen);
            } catch (RuntimeException e) {
                int failed = failures.merge(seen, 1, Integer::sum);
                if (failed >= ATTEMPTS) {
                    handed.add(seen);
                    failures.remove(seen);
                }
                System.err.println("s3://" + bucket + "/" + object.key() + ": the function failed (attempt " + failed
                        + " of " + ATTEMPTS + "): " + e);
            }
        }
        return count;
    }

    /** How S3 writes a key in an event: URL-encoded as a form value (a space is '+'), slashes kept. */
    public static String encodedKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private String event(S3Object object) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            out.writeStartObject();
            out.writeArrayFieldStart("Records");
            out.writeStartObject();
            out.writeStringField("eventVersion", "2.1");
            out.writeStringField("eventSource", "aws:s3");
            out.writeStringField("awsRegion", LocalAws.REGION.id());
            out.writeStringField("eventTime", object.lastModified().toString());
            out.writeStringField("eventName", "ObjectCreated:Put");
            out.writeObjectFieldStart("userIdentity");
            out.writeStringField("principalId", "AWS:" + LocalAws.ACCESS_KEY);
            out.writeEndObject();
            out.writeObjectFieldStart("requestParameters");
            out.writeStringField("sourceIPAddress", "127.0.0.1");
            out.writeEndObject();
            out.writeObjectFieldStart("responseElements");
            out.writeStringField("x-amz-request-id", Long.toHexString(sequencer + 1).toUpperCase());
            out.writeStringField("x-amz-id-2", "local");
            out.writeEndObject();
            out.writeObjectFieldStart("s3");
            out.writeStringField("s3SchemaVersion", "1.0");
            out.writeStringField("configurationId", "local");
            out.writeObjectFieldStart("bucket");
            out.writeStringField("name", bucket);
            out.writeObjectFieldStart("ownerIdentity");
            out.writeStringField("principalId", LocalAws.ACCOUNT_ID);
            out.writeEndObject();
            out.writeStringField("arn", "arn:aws:s3:::" + bucket);
            out.writeEndObject();
            out.writeObjectFieldStart("object");
            out.writeStringField("key", encodedKey(object.key()));
            out.writeNumberField("size", object.size());
            out.writeStringField("eTag", object.eTag().replace("\"", ""));
            out.writeStringField("sequencer", String.format("%016X", ++sequencer));
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an S3 event", e);
        }
        return text.toString();
    }
}
