package io.outcall.local;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A verified token as API Gateway hands it to the function in {@code requestContext.authorizer.jwt}:
 * every claim as a string, and the scopes.
 *
 * <p>How non-strings appear is observed on AWS, not published: numbers in decimal ({@code "exp":
 * "1787996002"}), arrays Go-style, space-separated in brackets ({@code "[admin ops]"}); objects the
 * same way as Go prints a map ({@code "map[k:v]"}).
 *
 * @param scopes the scope claim split on spaces (an array claim taken as it is), null when the token has none
 */
record VerifiedToken(Map<String, String> claims, List<String> scopes) {

    VerifiedToken {
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        scopes = scopes == null ? null : List.copyOf(scopes);
    }

    /** @param payload the token's claims as parsed JSON: strings, Long or Double, Boolean, List, Map */
    static VerifiedToken of(Map<String, Object> payload, String scopeClaim) {
        Map<String, String> claims = new LinkedHashMap<>();
        payload.forEach((name, value) -> {
            if (value != null) {
                claims.put(name, asString(value));
            }
        });
        return new VerifiedToken(claims, scopes(payload.get(scopeClaim)));
    }

    private static List<String> scopes(Object claim) {
        return switch (claim) {
            case null -> null;
            case String text -> Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            case List<?> list -> list.stream().map(VerifiedToken::asString).toList();
            default -> List.of(asString(claim));
        };
    }

    private static String asString(Object value) {
        return switch (value) {
            case String text -> text;
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            case List<?> list -> list.stream().map(VerifiedToken::asString).collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> map -> new TreeMap<>(map).entrySet().stream()
                    .map(e -> e.getKey() + ":" + (e.getValue() == null ? "<nil>" : asString(e.getValue())))
                    .collect(Collectors.joining(" ", "map[", "]"));
            default -> String.valueOf(value);
        };
    }
}
