package cn.govdata.opendata.plan;

import cn.govdata.domain.DomainModel;
import cn.govdata.platform.outbox.OutboxMessage;

import java.time.Instant;
import java.util.List;

/** A department's annual open plan (QY 37), one per department and year; id {@code <department>-<year>}. */
@DomainModel
record OpenPlan(String id, String department, String region, int year, List<Item> items, String filedBy, Instant filedAt,
                List<OutboxMessage> outbox) {

    static final String COLLECTION = "open_plans";

    /**
     * @param domain         free-text subject the department gives
     * @param entryId        the catalog entry the item opens, when it is catalogued already
     * @param priorityDomain key of {@link cn.govdata.policy.PriorityDomain} (SY 36, QY 31), or null
     */
    record Item(String name, String openType, String domain, String plannedQuarter, String entryId, String priorityDomain) {
    }
}
