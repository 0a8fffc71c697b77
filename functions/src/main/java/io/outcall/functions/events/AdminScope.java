package io.outcall.functions.events;

import io.outcall.functions.http.ApiRequest;
import io.outcall.functions.http.HttpProblemException;
import io.outcall.functions.http.Problem;

import java.util.Arrays;

/**
 * The webhook routes belong to a tenant's administrators: the verified token must carry
 * {@code outcall/admin} in its scope claim (space-separated; SCOPE_CLAIM names another claim).
 * Interim: issue 11's tenant admin API brings the platform-wide scope check, which replaces this.
 */
final class AdminScope {

    static final String SCOPE = "outcall/admin";

    private final String scopeClaim;

    AdminScope(String scopeClaim) {
        this.scopeClaim = scopeClaim;
    }

    void require(ApiRequest request) {
        String scopes = request.claims().getOrDefault(scopeClaim, "");
        // API Gateway hands an array claim over as "[a b]"; a plain string is space-separated.
        String plain = scopes.startsWith("[") && scopes.endsWith("]") ? scopes.substring(1, scopes.length() - 1) : scopes;
        if (Arrays.asList(plain.trim().split("\\s+")).contains(SCOPE)) {
            return;
        }
        throw new HttpProblemException(Problem.of(403, "insufficient-scope", "Forbidden",
                "managing webhooks needs the " + SCOPE + " scope, which this token does not carry"));
    }
}
