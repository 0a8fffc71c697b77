package io.outcall.core.tenant;

import java.util.List;

/**
 * A customer of the platform and what it may dial with.
 *
 * @param defaultRegion    ISO 3166 region for numbers given without a country code
 * @param allowedContexts  dialplan contexts this tenant's calls may run in
 * @param defaultContext   context used when a request names none; one of {@code allowedContexts}
 * @param transferNumbers  where the IVR transfers to, picked by weight when a request names none
 */
public record Tenant(String tenantId, String name, String defaultRegion, List<String> allowedContexts,
                     String defaultContext, List<TransferNumber> transferNumbers) {

    public Tenant {
        allowedContexts = List.copyOf(allowedContexts);
        transferNumbers = List.copyOf(transferNumbers);
    }

    public boolean allowsContext(String context) {
        return allowedContexts.contains(context);
    }
}
