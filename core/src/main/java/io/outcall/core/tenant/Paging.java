package io.outcall.core.tenant;

import io.outcall.core.validation.Violation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Page sizes and cursors of the admin listings. A cursor is the last key of a page, base64url: it
 * needs no signature, because every listing is confined to what the caller may see anyway (the
 * platform's tenants, the token tenant's own partition), so an edited cursor can only skip.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    private Paging() {
    }

    public static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // the same answer as out of range
        }
        throw new InvalidTenantException(List.of(new Violation("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }

    public static String encode(String key) {
        return key == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!key.isEmpty() && key.chars().noneMatch(Character::isISOControl)) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // the same answer as a control character
        }
        throw new InvalidTenantException(List.of(new Violation("cursor", "is not a cursor this API returned;"
                + " pass the 'next' of the previous page as it was")));
    }

    public static <T> Page<T> withCursor(Page<T> raw) {
        return new Page<>(raw.items(), encode(raw.next()));
    }
}
