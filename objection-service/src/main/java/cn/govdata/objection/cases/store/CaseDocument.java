package cn.govdata.objection.cases.store;

import cn.govdata.objection.cases.model.CaseKind;
import cn.govdata.objection.cases.model.CaseState;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of a case: the aggregate, the fields lists filter on copied to the top level, and
 * the events of its last change waiting for the relay (one write, no transaction).
 */
@Document(CaseDocument.COLLECTION)
public record CaseDocument(@Id String id, CaseState state, CaseKind kind, String resourceId, String providerDepartment,
                    String assignedDepartment, String region, String filerSubject, String reporterDepartment,
                    boolean escalated, Instant receivedAt, Instant updatedAt, ObjectionCase objection,
                    @Version Long version, List<OutboxMessage> outbox) {

    public static final String COLLECTION = "cases";
}
