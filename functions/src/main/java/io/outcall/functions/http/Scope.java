package io.outcall.functions.http;

import java.util.Set;

/**
 * The roles a verified token's scopes grant. Each HTTP function declares the one it needs.
 * A token with no {@code outcall/} scope at all was issued before roles existed and may still do
 * what it always did: place and read calls, nothing more.
 */
public enum Scope {
    /** Place, read and cancel the token tenant's calls. */
    CALLS("outcall/calls"),
    /** Manage the token's own tenant: settings, DIDs, transfer numbers, audit. */
    ADMIN("outcall/admin"),
    /** The operator: create, list, suspend and reactivate tenants. */
    PLATFORM("outcall/platform");

    private static final String FAMILY = "outcall/";

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as tokens carry it, e.g. {@code outcall/admin}. */
    public String value() {
        return value;
    }

    /** Whether a token with these scopes may use a route needing this one. */
    public boolean grantedBy(Set<String> scopes) {
        if (scopes.contains(value)) {
            return true;
        }
        return this == CALLS && scopes.stream().noneMatch(s -> s.startsWith(FAMILY));
    }
}
