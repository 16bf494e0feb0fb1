package cn.govdata.audit.warning;

import cn.govdata.audit.AuditProperties;
import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.audit.trail.TrailObserver;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.audit.AuditEvents;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.govdata.audit.chain.TrailRecord.text;

/**
 * Early warning on data access (SY 43 安全预警): watches every {@code DataAccessed} event as it is
 * chained and raises {@code AbnormalAccessDetected} (plus {@code audit_abnormal_access_total{kind}})
 * when a consumer — a department's system or user — in one hour fetches far more records than its
 * own moving baseline (UNUSUAL_VOLUME), fetches in bulk outside working hours on the official
 * calendar (OFF_HOURS_BULK), or looks up many single records in a short window, which is how a
 * crawler enumerates keys (ENUMERATION). Counters live in the store, not in memory, so several
 * replicas see the same totals; each alert is raised once per consumer, kind and window.
 */
@Component
class AccessWatch implements TrailObserver {

    static final String WINDOWS = "access_windows";
    static final String ALERTS = "access_alerts";
    private static final Logger log = LoggerFactory.getLogger(AccessWatch.class);

    private final MongoTemplate mongo;
    private final Events events;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AuditProperties.EarlyWarning settings;
    /** Alerts known to exist and baselines already computed, so a busy consumer costs no repeated lookups. */
    private final Map<String, Boolean> raised = bounded(10_000);
    private final Map<String, Double> baselines = bounded(10_000);

    AccessWatch(MongoTemplate mongo, Events events, WorkingDayCalendar calendar, Clock clock, MeterRegistry meters,
                AuditProperties properties) {
        this.mongo = mongo;
        this.events = events;
        this.calendar = calendar;
        this.clock = clock;
        this.meters = meters;
        this.settings = properties.earlyWarning();
        // The baseline reads one consumer's recent hours; the pruning deletes old hours by range.
        mongo.indexOps(WINDOWS).createIndex(new Index().on("consumer", Sort.Direction.ASC).on("hour", Sort.Direction.ASC));
        mongo.indexOps(WINDOWS).createIndex(new Index().on("hour", Sort.Direction.ASC));
        for (String kind : List.of("UNUSUAL_VOLUME", "OFF_HOURS_BULK", "ENUMERATION")) {
            counter(kind, "audit");
        }
    }

    @Override
    public void chained(List<TrailRecord> records) {
        if (!settings.enabled()) {
            return;
        }
        Map<String, Window> windows = new LinkedHashMap<>();
        for (TrailRecord r : records) {
            if (ExchangeEventTypes.ABNORMAL_ACCESS_DETECTED.type().equals(r.type())) {
                // The exchange throttled a crawler-like client itself; count it with ours for the alert.
                counter(String.valueOf(text(r.data(), "pattern")), "exchange").increment();
                continue;
            }
            if (!ExchangeEventTypes.DATA_ACCESSED.type().equals(r.type()) || r.data() == null) {
                continue;
            }
            JsonNode d = r.data();
            String department = text(d, "consumerDepartment");
            if (department == null) {
                continue;
            }
            String client = text(d, "clientId") != null ? text(d, "clientId") : text(d, "actor");
            Instant at = accessedAt(d, r.time());
            Instant hour = at.truncatedTo(ChronoUnit.HOURS);
            String consumer = department + "/" + (client == null ? "-" : client);
            Window w = windows.computeIfAbsent(consumer + "|" + hour, k -> new Window(consumer, department, client, hour));
            long records1 = Math.max(0, d.path("recordCount").asLong(0));
            w.accesses++;
            w.records += records1;
            if (offHours(at)) {
                w.offHoursRecords += records1;
            }
            if ("RECORD".equals(text(d, "channel")) || d.hasNonNull("recordKey")) {
                w.lookups.merge(slot(at), 1L, Long::sum);
            }
            String provider = text(d, "providerDepartment");
            if (provider != null) {
                w.providers.add(provider);
            }
        }
        windows.values().forEach(this::observe);
    }

    private void observe(Window w) {
        Update update = new Update().inc("accesses", w.accesses).inc("records", w.records).inc("offHoursRecords", w.offHoursRecords)
                .setOnInsert("consumer", w.consumer).setOnInsert("department", w.department).setOnInsert("clientId", w.client)
                .setOnInsert("hour", Date.from(w.hour));
        w.lookups.forEach((slot, n) -> update.inc("lookups." + slot, n));
        if (!w.providers.isEmpty()) {
            update.addToSet("providers").each(w.providers.toArray());
        }
        Document totals = mongo.findAndModify(Query.query(Criteria.where("_id").is(w.consumer + "|" + w.hour)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, WINDOWS);
        if (totals == null) {
            return;
        }
        long records = number(totals.get("records"));
        List<String> providers = totals.getList("providers", String.class, List.of());
        Instant hourEnd = w.hour.plus(Duration.ofHours(1));
        if (records >= settings.volumeMinRecords()) {
            double baseline = baselines.computeIfAbsent(w.consumer + "|" + w.hour, k -> baseline(w.consumer, w.hour));
            if (records > settings.volumeFactor() * baseline) {
                raise("UNUSUAL_VOLUME", w, providers, w.hour, hourEnd, records, baseline,
                        (long) Math.max(settings.volumeMinRecords(), Math.ceil(settings.volumeFactor() * baseline)),
                        String.format("%d records in one hour against a moving baseline of %.1f records/hour over the last %s",
                                records, baseline, settings.baselineWindow()));
            }
        }
        long offHours = number(totals.get("offHoursRecords"));
        if (offHours >= settings.offHoursMinRecords()) {
            raise("OFF_HOURS_BULK", w, providers, w.hour, hourEnd, offHours, 0, settings.offHoursMinRecords(),
                    offHours + " records fetched outside working hours (" + settings.workdayStart() + "-" + settings.workdayEnd()
                            + " on working days, Asia/Shanghai)");
        }
        if (totals.get("lookups") instanceof Document lookups) {
            for (var slot : lookups.entrySet()) {
                long n = number(slot.getValue());
                if (n >= settings.enumerationLookups()) {
                    Instant start = w.hour.plus(settings.enumerationWindow().multipliedBy(Long.parseLong(slot.getKey())));
                    raise("ENUMERATION", w, providers, start, start.plus(settings.enumerationWindow()), n, 0,
                            settings.enumerationLookups(), n + " single-record lookups within " + settings.enumerationWindow()
                                    + ": many distinct keys in a short window, as when a client walks through key numbers");
                }
            }
        }
    }

    /** Mean records per hour over the baseline window before {@code hour}; hours without access count as 0. */
    private double baseline(String consumer, Instant hour) {
        Instant from = hour.minus(settings.baselineWindow());
        Query query = Query.query(Criteria.where("consumer").is(consumer).and("hour").gte(Date.from(from)).lt(Date.from(hour)));
        query.fields().include("records");
        long total = mongo.find(query, Document.class, WINDOWS).stream().mapToLong(d -> number(d.get("records"))).sum();
        return (double) total / Math.max(1, settings.baselineWindow().toHours());
    }

    private void raise(String kind, Window w, List<String> providers, Instant start, Instant end, long observed, double baseline,
                       long threshold, String description) {
        String alertId = kind + "|" + w.consumer + "|" + start;
        if (raised.containsKey(alertId)) {
            return;
        }
        Instant now = clock.instant();
        var detected = new AuditEvents.AbnormalAccessDetected(alertId, kind, w.department, w.client, providers, start, end,
                observed, Math.round(baseline * 10) / 10.0, threshold, description, now);
        OutboxMessage event = events.create(AuditEventTypes.ABNORMAL_ACCESS_DETECTED, alertId, w.department, null, detected);
        try {
            mongo.insert(new Alert(alertId, kind, w.department, w.client, providers, start, end, observed, baseline, threshold,
                    description, now, List.of(event)));
        } catch (DuplicateKeyException raisedBefore) {
            raised.put(alertId, true);
            return;
        }
        raised.put(alertId, true);
        counter(kind, "audit").increment();
        log.warn("Abnormal access {} by {}: {}", kind, w.consumer, description);
    }

    boolean offHours(Instant at) {
        ZonedDateTime local = at.atZone(GovdataPlatformAutoConfiguration.CHINA);
        LocalTime time = local.toLocalTime();
        return !calendar.isWorkingDay(local.toLocalDate()) || time.isBefore(settings.workdayStart())
                || !time.isBefore(settings.workdayEnd());
    }

    private long slot(Instant at) {
        long secondsIntoHour = at.getEpochSecond() % 3600;
        return secondsIntoHour / Math.max(1, settings.enumerationWindow().toSeconds());
    }

    /** Detector state older than the baseline needs is dropped; it is derived data, not audit records. */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void forgetOldWindows() {
        Instant before = clock.instant().minus(settings.baselineWindow()).minus(Duration.ofDays(1));
        mongo.remove(Query.query(Criteria.where("hour").lt(Date.from(before))), WINDOWS);
    }

    private io.micrometer.core.instrument.Counter counter(String kind, String source) {
        return io.micrometer.core.instrument.Counter.builder("audit_abnormal_access")
                .description("Abnormal access patterns detected (SY 43): by the audit office or the exchange")
                .tags("kind", kind, "source", source).register(meters);
    }

    private static Instant accessedAt(JsonNode d, Instant otherwise) {
        String text = text(d, "accessedAt");
        try {
            return text != null ? Instant.parse(text) : otherwise != null ? otherwise : Instant.EPOCH;
        } catch (RuntimeException e) {
            return otherwise != null ? otherwise : Instant.EPOCH;
        }
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static final class Window {
        final String consumer;
        final String department;
        final String client;
        final Instant hour;
        final Map<Long, Long> lookups = new LinkedHashMap<>();
        final Set<String> providers = new LinkedHashSet<>();
        long accesses;
        long records;
        long offHoursRecords;

        Window(String consumer, String department, String client, Instant hour) {
            this.consumer = consumer;
            this.department = department;
            this.client = client;
            this.hour = hour;
        }
    }

    @org.springframework.data.mongodb.core.mapping.Document(ALERTS)
    record Alert(@Id String id, String kind, String consumerDepartment, String clientId, List<String> providerDepartments,
                 Instant windowStart, Instant windowEnd, long observed, double baseline, long threshold, String description,
                 Instant detectedAt, List<OutboxMessage> outbox) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Outbox {
        @Bean
        OutboxCollection accessAlertsOutbox() {
            return new OutboxCollection(ALERTS);
        }
    }

}
