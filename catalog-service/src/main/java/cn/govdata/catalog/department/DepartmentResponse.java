package cn.govdata.catalog.department;

import cn.govdata.platform.security.Caller;

import java.time.Instant;

record DepartmentResponse(String code, String name, DepartmentLevel level, String region, String parentCode,
                          Department.DataOfficer dataOfficer, Instant registeredAt, String registeredBy) {

    /**
     * The department as this caller may see it: the data officer's phone and e-mail only for the
     * bureau, operators and the department itself; everyone else gets the officer's name.
     */
    static DepartmentResponse of(Department d, Caller caller) {
        Department.DataOfficer officer = d.dataOfficer();
        if (officer != null && !caller.seesContactsOf(d.code())) {
            officer = new Department.DataOfficer(officer.realName(), null, null);
        }
        return new DepartmentResponse(d.code(), d.name(), d.level(), d.region(), d.parentCode(), officer,
                d.registeredAt(), d.registeredBy());
    }
}
