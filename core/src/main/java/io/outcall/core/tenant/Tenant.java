package io.outcall.core.tenant;

import java.util.List;

/**
 * A customer of the platform and what it may dial with.
 *
 * @param transferNumbers where the IVR transfers to, picked by weight when a request names none
 * @param suspension      null while the tenant may place calls
 * @param version         grows with every change; a settings update names the one it read
 */
public record Tenant(String tenantId, String name, TenantSettings settings, List<TransferNumber> transferNumbers,
                     Suspension suspension, long version) {

    public Tenant {
        transferNumbers = List.copyOf(transferNumbers);
    }

    /** An active tenant with default settings but for its region and contexts. */
    public Tenant(String tenantId, String name, String defaultRegion, List<String> allowedContexts,
                  String defaultContext, List<TransferNumber> transferNumbers) {
        this(tenantId, name, TenantSettings.of(defaultRegion, defaultContext, allowedContexts), transferNumbers, null, 0);
    }

    public String defaultRegion() {
        return settings.defaultRegion();
    }

    public List<String> allowedContexts() {
        return settings.allowedContexts();
    }

    public String defaultContext() {
        return settings.defaultContext();
    }

    public boolean allowsContext(String context) {
        return settings.allowedContexts().contains(context);
    }

    public boolean suspended() {
        return suspension != null;
    }

    public Tenant withSettings(String newName, TenantSettings newSettings) {
        return new Tenant(tenantId, newName, newSettings, transferNumbers, suspension, version);
    }

    /** With {@code more} transfer numbers after its own. */
    public Tenant withMoreTransferNumbers(List<TransferNumber> more) {
        List<TransferNumber> all = new java.util.ArrayList<>(transferNumbers);
        all.addAll(more);
        return new Tenant(tenantId, name, settings, all, suspension, version);
    }

    public Tenant withSuspension(Suspension newSuspension) {
        return new Tenant(tenantId, name, settings, transferNumbers, newSuspension, version);
    }
}
