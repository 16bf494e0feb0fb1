package cn.govdata.catalog.sourcing;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/**
 * Storage shape of a designation: {@code itemKey} carries the unique index that makes a second
 * designation of the same item a conflict, and the pending events ride in the same document.
 */
@Document(DesignationDocument.COLLECTION)
record DesignationDocument(@Id String id, String itemKey, String collectingDepartment, SourceDesignation designation,
                           @Version Long version, List<OutboxMessage> outbox) {

    static final String COLLECTION = "source_designations";
}
