package io.outcall.local;

import java.util.ArrayList;
import java.util.List;

/**
 * What a local token grants: {@code outcall/calls} for a tenant, {@code outcall/admin} over that
 * tenant, {@code outcall/platform} (the operator, tenant optional). The roles of the issue's
 * "Who may do what"; a real identity provider grants the same scopes (README, "Roles and scopes").
 *
 * @param tenant null for a platform token without a tenant
 */
record TokenGrant(String tenant, boolean admin, boolean platform) {

    static final String CALLS = "outcall/calls";
    static final String ADMIN = "outcall/admin";
    static final String PLATFORM = "outcall/platform";

    TokenGrant {
        if (tenant != null && tenant.isBlank()) {
            throw new IllegalArgumentException("--tenant needs a tenant id");
        }
        if (admin && tenant == null) {
            throw new IllegalArgumentException("--admin needs --tenant T: an admin manages its own tenant only");
        }
        if (tenant == null && !platform) {
            throw new IllegalArgumentException("token needs --tenant T, or --platform for the operator");
        }
    }

    static TokenGrant calls(String tenant) {
        return new TokenGrant(tenant, false, false);
    }

    List<String> scopes() {
        List<String> scopes = new ArrayList<>();
        if (tenant != null) {
            scopes.add(CALLS);
        }
        if (admin) {
            scopes.add(ADMIN);
        }
        if (platform) {
            scopes.add(PLATFORM);
        }
        return scopes;
    }

    String subject() {
        String who = tenant == null ? "platform" : tenant;
        return "local-" + who + (admin ? "-admin" : "") + (platform && tenant != null ? "-platform" : "");
    }
}
