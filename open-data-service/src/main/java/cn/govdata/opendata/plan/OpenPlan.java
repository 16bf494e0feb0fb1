package cn.govdata.opendata.plan;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.List;

/** A department's annual open plan (QY 37), one per department and year; id {@code <department>-<year>}. */
record OpenPlan(@Id String id, String department, String region, int year, List<Item> items, String filedBy, Instant filedAt,
                List<OutboxMessage> outbox) {

    static final String COLLECTION = "open_plans";

    record Item(String name, String openType, String domain, String plannedQuarter) {
    }
}
