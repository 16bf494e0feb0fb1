package cn.govdata.catalog.department;

import java.time.Instant;

/**
 * A department in the platform's directory. Every department has a real-name registered data
 * officer (数据管理员, QZ 9.2; QY 9) who answers for its catalog and data.
 */
record Department(String code, String name, DepartmentLevel level, String region, String parentCode,
                  DataOfficer dataOfficer, Instant registeredAt, String registeredBy) {

    record DataOfficer(String realName, String phone, String email) {
    }
}
