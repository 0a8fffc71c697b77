package io.outcall.core.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * A receiver's side of Standard Webhooks: the request is genuine when one {@code v1} entry of
 * {@code webhook-signature} matches and {@code webhook-timestamp} is within the tolerance (five
 * minutes, as the spec's libraries), which stops a captured request from being replayed later.
 * The local echo receiver and the tests use it; tenants use their own library.
 */
public final class WebhookVerifier {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final WebhookSecret secret;
    private final Clock clock;

    public WebhookVerifier(WebhookSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** @throws WebhookVerificationException naming what is missing, stale or does not match */
    public void verify(String id, String timestamp, String signatures, String body) {
        if (id == null || id.isBlank()) {
            throw new WebhookVerificationException("the webhook-id header is missing");
        }
        if (timestamp == null || signatures == null) {
            throw new WebhookVerificationException("the webhook-timestamp or webhook-signature header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds: " + timestamp);
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > TOLERANCE.toSeconds()) {
            throw new WebhookVerificationException("webhook-timestamp is " + skew + " s away from now; at most "
                    + TOLERANCE.toSeconds() + " s is accepted");
        }
        byte[] expected = WebhookSignature.mac(secret, id + "." + seconds + "." + body);
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no v1 signature of webhook-signature matches this body");
    }
}
