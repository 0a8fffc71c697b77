package io.outcall.core.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signing: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one entry per
 * secret separated by spaces, so during a rotation the old and the new secret both sign and a
 * receiver holding either accepts the request.
 */
public final class WebhookSignature {

    private WebhookSignature() {
    }

    /** The headers of one request: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}. */
    public record Headers(String id, long timestamp, String signature) {
    }

    public static Headers sign(String messageId, long timestampSeconds, String body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("an endpoint needs at least one signing secret");
        }
        String signatures = secrets.stream().map(s -> sign(messageId, timestampSeconds, body, s))
                .collect(Collectors.joining(" "));
        return new Headers(messageId, timestampSeconds, signatures);
    }

    /** One {@code v1,...} entry. */
    public static String sign(String messageId, long timestampSeconds, String body, WebhookSecret secret) {
        return "v1," + Base64.getEncoder().encodeToString(
                mac(secret, messageId + "." + timestampSeconds + "." + body));
    }

    static byte[] mac(WebhookSecret secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; this is a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
