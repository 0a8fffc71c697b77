package io.outcall.functions.auth;

import io.outcall.functions.http.Scope;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Cognito groups that give a console user its role (template.yaml creates them): each grants
 * the API scopes its members' access tokens carry. A tenant's admin runs its tenant and also sees
 * and places its calls; the platform operator manages tenants only.
 */
public enum RoleGroup {
    CALLS("calls", Scope.CALLS),
    ADMIN("admin", Scope.ADMIN, Scope.CALLS),
    PLATFORM("platform", Scope.PLATFORM);

    private final String groupName;
    private final List<Scope> scopes;

    RoleGroup(String groupName, Scope... scopes) {
        this.groupName = groupName;
        this.scopes = List.of(scopes);
    }

    /** The group's name in the user pool. */
    public String groupName() {
        return groupName;
    }

    /** Every scope the named groups grant together; groups that are not roles grant nothing. */
    public static Set<Scope> scopesOf(Collection<String> groups) {
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (RoleGroup role : values()) {
            if (groups.contains(role.groupName)) {
                granted.addAll(role.scopes);
            }
        }
        return granted;
    }
}
