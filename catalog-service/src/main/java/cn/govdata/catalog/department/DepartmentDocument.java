package cn.govdata.catalog.department;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/** Storage shape of a department; its pending events ride in the same document (see OutboxRelay). */
@Document(DepartmentDocument.COLLECTION)
record DepartmentDocument(@Id String code, Department department, @Version Long version, List<OutboxMessage> outbox) {

    static final String COLLECTION = "departments";
}
