package cn.govdata.catalog.department;

import java.time.Instant;

record DepartmentResponse(String code, String name, DepartmentLevel level, String region, String parentCode,
                          Department.DataOfficer dataOfficer, Instant registeredAt, String registeredBy) {

    static DepartmentResponse of(Department d) {
        return new DepartmentResponse(d.code(), d.name(), d.level(), d.region(), d.parentCode(), d.dataOfficer(),
                d.registeredAt(), d.registeredBy());
    }
}
