package cn.govdata.catalog.entry;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;

/**
 * Who may do what with an entry: data officers write their own department's entries only; the
 * bureau reviews; everyone else reads published entries. A county sees its own region and the
 * city-wide catalog.
 */
public final class EntryAccess {

    private EntryAccess() {
    }



    public static boolean ownsDepartment(Caller caller, String department) {
        return caller.departmentCode().map(department::equals).orElse(false)
                && (caller.hasRole(Roles.DEPT_DATA_OFFICER) || caller.hasRole(Roles.DEPT_APPROVER));
    }

    public static void requireOfficerOf(Caller caller, String department) {
        if (!caller.hasRole(Roles.DEPT_DATA_OFFICER)) {
            throw Refusal.forbidden("Only a department data officer catalogues data");
        }
        if (!caller.departmentCode().map(department::equals).orElse(false)) {
            throw Refusal.forbidden("A data officer of " + caller.departmentCode().orElse("no department")
                    + " may not write entries of " + department);
        }
    }

    public static void requireBureau(Caller caller) {
        if (!caller.isBureau()) {
            throw Refusal.forbidden("Only the data bureau reviews catalog entries");
        }
    }

    /** Regions a county sub-platform may read: its own, and the city level above it (xxxx00). */
    public static boolean regionVisible(Caller caller, String region) {
        if (!caller.hasRole(Roles.COUNTY_SUBPLATFORM) || caller.region() == null) {
            return true;
        }
        String city = caller.region().substring(0, 4) + "00";
        return caller.region().equals(region) || city.equals(region);
    }

    /** Non-published states are visible to the owning department and the supervisors only. */
    public static boolean canSee(Caller caller, CatalogEntry entry) {
        if (caller.seesEveryDepartment() || ownsDepartment(caller, entry.providerDepartment())) {
            return true;
        }
        EntryStatus status = entry.status();
        boolean public_ = status == EntryStatus.PUBLISHED || status == EntryStatus.WITHDRAWAL_REQUESTED;
        return public_ && regionVisible(caller, entry.published().region());
    }
}
