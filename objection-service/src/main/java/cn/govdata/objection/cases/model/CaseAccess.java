package cn.govdata.objection.cases.model;

import cn.govdata.domain.DomainModel;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;

/**
 * Who may see and do what with a case. Handlers (platform operators, the data bureau, the
 * department the case was transferred to) see the objector's personal data; auditors see cases
 * with it masked; an objector sees only their own case, through the tracking view.
 */
@DomainModel
public final class CaseAccess {

    private CaseAccess() {
    }

    public static boolean isDepartmentHandler(Caller caller) {
        return (caller.hasRole(Roles.DEPT_APPROVER) || caller.hasRole(Roles.DEPT_DATA_OFFICER)) && caller.departmentCode().isPresent();
    }

    /** The department the case was transferred to, acting through its approver or data officer. */
    public static boolean isAssignedDepartment(Caller caller, ObjectionCase c) {
        return isDepartmentHandler(caller) && c.routing() != null && c.routing().route() == Route.DEPARTMENT
                && caller.departmentCode().get().equals(c.routing().department());
    }

    public static boolean isHandler(Caller caller, ObjectionCase c) {
        return caller.isOperator() || caller.isBureau() || isAssignedDepartment(caller, c);
    }

    /** The person or system that filed it, or for a consumer report anyone of the reporting department. */
    public static boolean isObjector(Caller caller, ObjectionCase c) {
        boolean filer = caller.subject() != null && caller.subject().equals(c.filedBy().subject())
                && (caller.hasRole(Roles.PUBLIC_APPLICANT) || caller.hasRole(Roles.DEPT_CONSUMER));
        boolean reportingDepartment = c.kind() == CaseKind.CONSUMER_REPORT && caller.hasRole(Roles.DEPT_CONSUMER)
                && caller.departmentCode().map(d -> d.equals(c.reporterDepartment())).orElse(false);
        return filer || reportingDepartment;
    }

    /** Who decides and records the correction: the platform for its own remit, else the department it went to. */
    public static void requireDecider(Caller caller, ObjectionCase c) {
        if (c.routing() == null) {
            throw Refusal.conflict("invalid-state", "Case " + c.id() + " has not been routed yet");
        }
        boolean allowed = c.routing().route() == Route.PLATFORM ? caller.isOperator() : isAssignedDepartment(caller, c);
        if (!allowed) {
            throw Refusal.forbidden("Case " + c.id() + " is decided by " + (c.routing().route() == Route.PLATFORM
                    ? "the platform operator" : "department " + c.routing().department() + "'s approver or data officer"));
        }
    }

    /**
     * For an existing case the caller may not see: objectors get the same 404 as for a number that does
     * not exist, so tracking numbers cannot be probed; staff of another department get 403.
     */
    public static Refusal notYours(Caller caller, String id) {
        if (isDepartmentHandler(caller)) {
            return Refusal.forbidden("Case " + id + " was not transferred to department " + caller.department());
        }
        return Refusal.notFound("Objection case", id);
    }
}
