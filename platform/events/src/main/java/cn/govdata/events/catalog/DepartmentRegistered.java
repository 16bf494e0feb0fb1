package cn.govdata.events.catalog;

import java.time.Instant;

/**
 * A department joined the platform's directory. Every service keeps a local read copy of the
 * directory from these events; the data officer is real-name registered (QZ 9.2, QY 9) and is a
 * public-function contact, not a data subject, so the event carries the contact in clear.
 */
public record DepartmentRegistered(
        String code,
        String name,
        String level,
        String region,
        String parentCode,
        DataOfficer dataOfficer,
        Instant registeredAt,
        String registeredBy) {

    public record DataOfficer(String realName, String phone, String email) {
    }
}
