package io.outcall.core.events;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing key in the Standard Webhooks form {@code whsec_<base64 of the key>}.
 * {@link #toString()} never shows the key, so a secret that reaches a log line by accident stays
 * secret; {@link #value()} is for the one response that shows it and for storage.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A fresh random 256-bit key. */
    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * @param value {@code whsec_} and standard base64 (the prefix may be left out, as the spec's libraries allow)
     * @throws IllegalArgumentException when it is not base64 or holds fewer than 24 key bytes
     */
    public static WebhookSecret parse(String value) {
        String encoded = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret must be whsec_ followed by base64", e);
        }
        if (key.length < 24) {
            throw new IllegalArgumentException("a webhook secret must hold 24 to 64 bytes; this one holds " + key.length);
        }
        return new WebhookSecret(key);
    }

    public String value() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && java.security.MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "whsec_(hidden)";
    }
}
