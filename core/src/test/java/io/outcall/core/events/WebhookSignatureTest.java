package io.outcall.core.events;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    // The Standard Webhooks spec's published vector (its libraries' tests sign exactly this).
    private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static WebhookVerifier verifierAt(WebhookSecret secret, long epochSecond) {
        return new WebhookVerifier(secret, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void signsTheSpecsTestVector() {
        assertEquals(SPEC_SIGNATURE, WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET));
    }

    @Test
    void verifiesTheSpecsTestVectorAndRefusesATamperedBody() {
        WebhookVerifier verifier = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP + 10);
        assertDoesNotThrow(() -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY));
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, "{\"test\": 2432232315}"));
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify("msg_other", Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY));
    }

    @Test
    void refusesATimestampOutsideFiveMinutes() {
        WebhookVerifier late = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP + 301);
        assertThrows(WebhookVerificationException.class,
                () -> late.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY));
        WebhookVerifier early = verifierAt(SPEC_SECRET, SPEC_TIMESTAMP - 301);
        assertThrows(WebhookVerificationException.class,
                () -> early.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY));
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        SecureRandom random = new SecureRandom();
        WebhookSecret old = WebhookSecret.generate(random);
        WebhookSecret fresh = WebhookSecret.generate(random);
        WebhookSignature.Headers headers = WebhookSignature.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, List.of(fresh, old));
        assertEquals(2, headers.signature().split(" ").length);
        for (WebhookSecret secret : List.of(old, fresh)) {
            assertDoesNotThrow(() -> verifierAt(secret, SPEC_TIMESTAMP)
                    .verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), headers.signature(), SPEC_BODY));
        }
        WebhookSecret stranger = WebhookSecret.generate(random);
        assertThrows(WebhookVerificationException.class, () -> verifierAt(stranger, SPEC_TIMESTAMP)
                .verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), headers.signature(), SPEC_BODY));
    }

    @Test
    void aSecretRoundTripsAndNeverPrintsItself() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        assertTrue(secret.value().startsWith("whsec_"));
        assertEquals(secret, WebhookSecret.parse(secret.value()));
        assertFalse(secret.toString().contains(secret.value().substring(6)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_short"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_not base64!"));
    }
}
