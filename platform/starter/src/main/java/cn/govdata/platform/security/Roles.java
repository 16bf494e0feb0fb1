package cn.govdata.platform.security;

/** Keycloak realm roles (realm {@code govdata}); see deploy/keycloak/govdata-realm.json. */
public final class Roles {

    public static final String BUREAU_REVIEWER = "bureau-reviewer";
    public static final String PLATFORM_OPERATOR = "platform-operator";
    public static final String DEPT_DATA_OFFICER = "dept-data-officer";
    public static final String DEPT_APPROVER = "dept-approver";
    public static final String DEPT_CONSUMER = "dept-consumer";
    public static final String PUBLIC_APPLICANT = "public-applicant";
    public static final String COUNTY_SUBPLATFORM = "county-subplatform";
    public static final String AUDITOR = "auditor";

    private Roles() {
    }

    /** The Spring Security authority a realm role maps to, for {@code hasAuthority(...)} checks. */
    public static String authority(String role) {
        return "ROLE_" + role;
    }
}
