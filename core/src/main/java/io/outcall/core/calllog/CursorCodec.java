package io.outcall.core.calllog;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals where a call-log page ended into an opaque cursor, and opens it again. The cursor carries
 * the position and a digest of the filter; an HMAC-SHA256 over those and the tenant id means a
 * cursor that was edited, or issued to another tenant, does not open. It reveals only a call id
 * of the tenant's own calls.
 */
public final class CursorCodec {

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int MAX_CURSOR_LENGTH = 512;

    private final SecretKeySpec key;

    /** @param key at least 32 bytes of secret (CURSOR_KEY); every function instance must share it */
    public CursorCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cursor key must be at least 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public static CursorCodec ofSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("CURSOR_KEY is not set; template.yaml sets it for the list function");
        }
        return new CursorCodec(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String seal(String tenantId, CallLogFilter filter, String afterCallId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(digest(filter));
            out.writeUTF(afterCallId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload) + "." + base64.encodeToString(mac(tenantId, payload));
    }

    /**
     * @return the call id the next page starts after
     * @throws InvalidQueryException naming {@code cursor} when it is not this tenant's, unedited,
     *                               for this filter
     */
    public String open(String cursor, String tenantId, CallLogFilter filter) {
        String[] parts = cursor.length() > MAX_CURSOR_LENGTH ? new String[0] : cursor.split("\\.", -1);
        byte[] payload;
        byte[] mac;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            payload = Base64.getUrlDecoder().decode(parts[0]);
            mac = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        // The decoder ignores the unused low bits of a last character, so "...A" and "...B" can
        // decode alike; only the exact text this codec wrote is a cursor it issued.
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        if (!base64.encodeToString(payload).equals(parts[0]) || !base64.encodeToString(mac).equals(parts[1])) {
            throw notIssued();
        }
        if (!MessageDigest.isEqual(mac, mac(tenantId, payload))) {
            throw notIssued();
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                throw notIssued();
            }
            byte[] filterDigest = in.readNBytes(32);
            if (!Arrays.equals(filterDigest, digest(filter))) {
                throw new InvalidQueryException("cursor", "was issued for other filters; repeat the filters of the"
                        + " first page with it, or start again without a cursor");
            }
            return in.readUTF();
        } catch (IOException e) {
            throw notIssued();
        }
    }

    private static InvalidQueryException notIssued() {
        return new InvalidQueryException("cursor", "is not a cursor this API issued to you (edited, truncated or"
                + " another tenant's); use nextCursor exactly as returned, or start again without one");
    }

    private byte[] mac(String tenantId, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(tenantId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] digest(CallLogFilter filter) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(filter.fingerprint().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
