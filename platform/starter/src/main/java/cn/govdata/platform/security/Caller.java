package cn.govdata.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the Keycloak token says: a person (password grant) or a partner system
 * (client credentials). Department and region drive every "own resources only" rule.
 */
public record Caller(String subject, String username, String clientId, String department, String region,
                     Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public Optional<String> departmentCode() {
        return Optional.ofNullable(department).filter(d -> !d.isBlank());
    }

    /** The name recorded in audit trails: the person, or the partner system's client id. */
    public String actor() {
        return username != null ? username : clientId;
    }
}
