package cn.govdata.audit.web;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;

/** Auditors and the bureau see every department; a department's own people and systems only their own. */
public final class DepartmentAccess {

    public static final String OVERSIGHT_OR_DEPARTMENT = "hasAnyRole('" + Roles.AUDITOR + "', '" + Roles.BUREAU_REVIEWER
            + "', '" + Roles.DEPT_DATA_OFFICER + "', '" + Roles.DEPT_APPROVER + "', '" + Roles.DEPT_CONSUMER + "')";

    private DepartmentAccess() {
    }

    public static boolean oversees(Caller caller) {
        return caller.isAuditor() || caller.isBureau();
    }

    /**
     * The department the caller may read: the one asked for, or the caller's own when none is named.
     *
     * @throws Refusal 403 for another department's data, 400 when an overseer names none
     */
    public static String readable(Caller caller, String requested, String what) {
        String department = requested == null || requested.isBlank() ? null : requested.strip();
        if (oversees(caller)) {
            if (department == null) {
                throw Refusal.invalidField("department", "name the department whose " + what + " to read");
            }
            return department;
        }
        String own = caller.departmentCode().orElseThrow(() -> Refusal.forbidden(
                "Your account belongs to no department, so there is no " + what + " for you to read"));
        if (department != null && !department.equals(own)) {
            throw Refusal.forbidden("A department reads only its own " + what + "; you belong to " + own);
        }
        return own;
    }
}
