package cn.govdata.sharing.grant;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may do what in sharing. Departments act only for themselves: a consumer department applies,
 * the providing department decides on its own resources, the bureau checks, coordinates, reviews
 * and suspends; the operator and auditors read everything; a county sub-platform reads its region.
 * A partner system calling with client credentials counts as its department.
 */
public final class SharingAccess {

    private SharingAccess() {
    }



    /** The caller's department when it holds a department role. */
    public static Optional<String> department(Caller caller) {
        boolean departmentRole = caller.hasRole(Roles.DEPT_CONSUMER) || caller.hasRole(Roles.DEPT_DATA_OFFICER)
                || caller.hasRole(Roles.DEPT_APPROVER);
        return departmentRole ? caller.departmentCode() : Optional.empty();
    }

    /** A county sub-platform's region, when that is what the caller is. */
    public static Optional<String> countyRegion(Caller caller) {
        return caller.hasRole(Roles.COUNTY_SUBPLATFORM) ? Optional.ofNullable(caller.region()).filter(r -> !r.isBlank())
                : Optional.empty();
    }

    public static boolean actsFor(Caller caller, String department, String... roles) {
        return caller.departmentCode().map(department::equals).orElse(false)
                && Arrays.stream(roles).anyMatch(caller::hasRole);
    }

    /** May read a record between {@code consumer} and {@code provider} in {@code region}. */
    public static boolean canRead(Caller caller, String consumer, String provider, String region) {
        if (caller.seesEveryDepartment()) {
            return true;
        }
        Optional<String> own = department(caller);
        if (own.isPresent() && (own.get().equals(consumer) || own.get().equals(provider))) {
            return true;
        }
        return countyRegion(caller).map(r -> r.equals(region)).orElse(false);
    }

    public static void requireBureau(Caller caller, String what) {
        if (!caller.isBureau()) {
            throw Refusal.forbidden("Only the data bureau (bureau-reviewer) " + what);
        }
    }

    public static void require(boolean allowed, String detail) {
        if (!allowed) {
            throw Refusal.forbidden(detail);
        }
    }
}
