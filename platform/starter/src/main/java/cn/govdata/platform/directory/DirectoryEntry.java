package cn.govdata.platform.directory;

import cn.govdata.events.catalog.DepartmentRegistered;

import org.springframework.data.annotation.Id;

import java.time.Instant;

/**
 * This service's read copy of one department in the catalog-service's directory, kept from
 * {@code DepartmentRegistered} events; never written by anything else.
 */
public record DirectoryEntry(@Id String code, String name, String level, String region, String parentCode,
                             DepartmentRegistered.DataOfficer dataOfficer, Instant registeredAt, String lastEventId) {

    static DirectoryEntry from(DepartmentRegistered event, String eventId) {
        return new DirectoryEntry(event.code(), event.name(), event.level(), event.region(), event.parentCode(),
                event.dataOfficer(), event.registeredAt(), eventId);
    }
}
