package cn.govdata.audit.usage;

import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.audit.trail.TrailFilter;
import cn.govdata.audit.trail.TrailSearch;
import cn.govdata.events.ExchangeEventTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static cn.govdata.audit.chain.TrailRecord.text;

/**
 * A department's usage log (QZ 8.2, 8.4): every access through the exchange to data it provides
 * or data it consumed — who, for which purpose, which items, how many records, under which grant
 * approved by whom, when and how — read from the {@code DataAccessed} events in the trail.
 */
@Component
public class UsageLog {

    private final TrailSearch search;

    UsageLog(TrailSearch search) {
        this.search = search;
    }

    public Page page(String department, Instant from, Instant to, int page, int size) {
        TrailSearch.Result result = search.page(filter(department, from, to), page, size, false);
        return new Page(result.records().stream().map(r -> UsageEntry.of(r, department)).toList(), result.total());
    }

    public void stream(String department, Instant from, Instant to, Consumer<UsageEntry> sink) {
        search.stream(filter(department, from, to), false, r -> sink.accept(UsageEntry.of(r, department)));
    }

    /** Every access of the period, for the digests of all departments. */
    public void streamAll(Instant from, Instant to, Consumer<UsageEntry> sink) {
        TrailFilter filter = new TrailFilter(ExchangeEventTypes.DATA_ACCESSED.type(), null, null, null, null, null, null, null,
                null, from, to, null);
        search.stream(filter, false, r -> sink.accept(UsageEntry.of(r, null)));
    }

    static TrailFilter filter(String department, Instant from, Instant to) {
        return new TrailFilter(ExchangeEventTypes.DATA_ACCESSED.type(), department, null, null, null, null, null, null, null,
                from, to, null).withExtra(r -> department.equals(r.provider()) || department.equals(r.consumer()));
    }

    public record Page(List<UsageEntry> entries, long total) {
    }

    /**
     * One access as a department reads it; {@code role} says whether the reader provided the data
     * (PROVIDER) or used it (CONSUMER).
     */
    public record UsageEntry(String accessId, Instant accessedAt, String role, String providerDepartment,
                             String consumerDepartment, String resourceId, String resourceName, String user, String clientId,
                             String purpose, List<String> items, List<String> maskedItems, long recordCount, String grantId,
                             String approvedBy, String channel, String operation, String requestId, String eventId) {

        static UsageEntry of(TrailRecord r, String reader) {
            JsonNode d = r.data();
            String provider = text(d, "providerDepartment");
            String consumer = text(d, "consumerDepartment");
            String role = reader == null ? null : reader.equals(provider) ? "PROVIDER" : "CONSUMER";
            Instant at = accessedAt(d, r.time());
            String actor = text(d, "actor");
            String client = text(d, "clientId");
            return new UsageEntry(text(d, "accessId"), at, role, provider, consumer, text(d, "resourceId"),
                    text(d, "resourceName"), actor != null ? actor : client, client, text(d, "purpose"), list(d, "items"),
                    list(d, "maskedItems"), d == null ? 0 : d.path("recordCount").asLong(0), text(d, "grantId"),
                    text(d, "approvedBy"), text(d, "channel"), text(d, "operation"), text(d, "requestId"), r.id());
        }

        private static Instant accessedAt(JsonNode d, Instant otherwise) {
            String text = text(d, "accessedAt");
            try {
                return text == null ? otherwise : Instant.parse(text);
            } catch (RuntimeException e) {
                return otherwise;
            }
        }

        private static List<String> list(JsonNode d, String field) {
            List<String> values = new ArrayList<>();
            if (d != null) {
                d.path(field).forEach(v -> values.add(v.asString()));
            }
            return values;
        }
    }
}
