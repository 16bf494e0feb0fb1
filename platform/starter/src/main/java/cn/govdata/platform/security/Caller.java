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

    /** The data bureau (市数据局), which reviews and supervises every department. */
    public boolean isBureau() {
        return hasRole(Roles.BUREAU_REVIEWER);
    }

    public boolean isOperator() {
        return hasRole(Roles.PLATFORM_OPERATOR);
    }

    public boolean isAuditor() {
        return hasRole(Roles.AUDITOR);
    }

    /** Bureau, operators and auditors: they read every department's records, in any state. */
    public boolean seesEveryDepartment() {
        return isBureau() || isOperator() || isAuditor();
    }

    /** A county (district) sub-platform: limited to its own region whatever else it holds. */
    public boolean isCounty() {
        return hasRole(Roles.COUNTY_SUBPLATFORM);
    }

    /** The region claim, when the token carries one. */
    public Optional<String> regionCode() {
        return Optional.ofNullable(region).filter(r -> !r.isBlank());
    }

    /** Everyone but a county sub-platform reads across regions. */
    public boolean seesAllRegions() {
        return !isCounty();
    }

    /**
     * Whether data of this region is visible to the caller: to everyone but a county, and to a
     * county only its own region. A county token without a region claim sees nothing (fail closed).
     */
    public boolean seesRegion(String dataRegion) {
        return seesAllRegions() || regionCode().map(own -> own.equals(dataRegion)).orElse(false);
    }

    /**
     * Whether the caller may read a department's contact details (its data officer's phone and
     * e-mail): the bureau, operators and the department itself; everyone else sees the name only.
     */
    public boolean seesContactsOf(String departmentCode) {
        return isBureau() || isOperator() || departmentCode().map(own -> own.equals(departmentCode)).orElse(false);
    }

    /** The name recorded in audit trails: the person, or the partner system's client id. */
    public String actor() {
        return username != null ? username : clientId;
    }
}
