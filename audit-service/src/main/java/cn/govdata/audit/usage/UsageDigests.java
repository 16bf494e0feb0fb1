package cn.govdata.audit.usage;

import cn.govdata.audit.AuditProperties;
import cn.govdata.events.AuditEventTypes;
import cn.govdata.events.audit.AuditEvents;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pushes usage logs to departments (QZ 8.4 根据需要将使用日志推送给相应的数据生产应用单位): for each
 * closed period, one {@code UsageLogDigest} event per department that provided or used data in it,
 * with {@code ce_department} set to that department so its system can filter the audit topic.
 * Each digest is stored with its event in one write (the outbox); a period already compiled is
 * skipped, so several replicas or a restart never push a digest twice.
 */
@Component
public class UsageDigests {

    static final String COLLECTION = "usage_digests";
    private static final String JOBS = "audit_jobs";
    private static final String JOB = "usage-digest";
    private static final Logger log = LoggerFactory.getLogger(UsageDigests.class);

    private final MongoTemplate mongo;
    private final UsageLog usage;
    private final Events events;
    private final Clock clock;
    private final AuditProperties.UsageDigest settings;
    private final Counter pushed;

    UsageDigests(MongoTemplate mongo, UsageLog usage, Events events, Clock clock, AuditProperties properties, MeterRegistry meters) {
        this.mongo = mongo;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
        this.settings = properties.usageDigest();
        this.pushed = Counter.builder("audit_usage_digests").description("Usage-log digests pushed to departments").register(meters);
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${govdata.audit.usage-digest.check:PT1M}")
    void compileClosedPeriods() {
        try {
            compileUpTo(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Compiling usage digests failed; retried at the next check: {}", e.toString());
        }
    }

    /** Compiles every period that ended at least the grace time before {@code now}; returns how many digests were pushed. */
    public int compileUpTo(Instant now) {
        Duration period = settings.period();
        Instant latestEnd = periodStart(now.minus(settings.grace()), period);
        Document job = mongo.findById(JOB, Document.class, JOBS);
        Instant next = job != null && job.get("lastPeriodEnd") instanceof Date d ? d.toInstant() : latestEnd.minus(period);
        if (latestEnd.minus(period.multipliedBy(settings.maxCatchUp())).isAfter(next)) {
            next = latestEnd.minus(period.multipliedBy(settings.maxCatchUp()));
            log.warn("Usage digests were behind by more than {} periods; older periods are left to the usage log API",
                    settings.maxCatchUp());
        }
        int digests = 0;
        while (!next.plus(period).isAfter(latestEnd)) {
            digests += compile(next, next.plus(period));
            next = next.plus(period);
            mongo.upsert(Query.query(Criteria.where("_id").is(JOB)), new Update().max("lastPeriodEnd", Date.from(next)), JOBS);
        }
        return digests;
    }

    /** The digests of one period; a department's digest that exists already is left alone. */
    public int compile(Instant start, Instant end) {
        Map<String, Builder> byDepartment = new TreeMap<>();
        usage.streamAll(start, end, e -> {
            if (e.providerDepartment() != null) {
                byDepartment.computeIfAbsent(e.providerDepartment(), Builder::new).add(e, e.consumerDepartment(), true);
            }
            if (e.consumerDepartment() != null && !e.consumerDepartment().equals(e.providerDepartment())) {
                byDepartment.computeIfAbsent(e.consumerDepartment(), Builder::new).add(e, e.providerDepartment(), false);
            }
        });
        int written = 0;
        Instant now = clock.instant();
        for (Builder b : byDepartment.values()) {
            var digest = b.build(start, end, now, settings.maxLines());
            OutboxMessage event = events.create(AuditEventTypes.USAGE_LOG_DIGEST, b.department, b.department, null, digest);
            try {
                mongo.insert(new DigestDocument(b.department + "|" + start, b.department, start, end, digest.accesses(),
                        digest.records(), now, List.of(event)));
                written++;
                pushed.increment();
            } catch (DuplicateKeyException alreadyPushed) {
                // compiled by another replica or before a restart
            }
        }
        if (written > 0) {
            log.info("Pushed {} usage-log digests for {} .. {}", written, start, end);
        }
        return written;
    }

    /** Periods are aligned to local midnight in Asia/Shanghai (an hourly period starts on the hour). */
    static Instant periodStart(Instant t, Duration period) {
        ZonedDateTime local = t.atZone(GovdataPlatformAutoConfiguration.CHINA);
        Instant midnight = local.toLocalDate().atStartOfDay(GovdataPlatformAutoConfiguration.CHINA).toInstant();
        if (period.compareTo(Duration.ofDays(1)) >= 0) {
            return midnight;
        }
        long since = Duration.between(midnight, t).toMillis();
        return midnight.plusMillis(since - since % period.toMillis());
    }

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record DigestDocument(@Id String id, String department, Instant periodStart, Instant periodEnd, long accesses, long records,
                          Instant compiledAt, List<OutboxMessage> outbox) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Outbox {
        @Bean
        OutboxCollection usageDigestsOutbox() {
            return new OutboxCollection(COLLECTION);
        }
    }

    private static final class Builder {
        final String department;
        final Map<String, Line> provider = new TreeMap<>();
        final Map<String, Line> consumer = new TreeMap<>();
        long accesses;
        long records;

        Builder(String department) {
            this.department = department;
        }

        void add(UsageLog.UsageEntry e, String counterpart, boolean asProvider) {
            accesses++;
            records += e.recordCount();
            String key = Objects.toString(counterpart) + "|" + e.resourceId() + "|" + e.purpose();
            (asProvider ? provider : consumer).computeIfAbsent(key, k -> new Line(counterpart, e.resourceId(), e.purpose())).add(e);
        }

        AuditEvents.UsageLogDigest build(Instant start, Instant end, Instant now, int maxLines) {
            List<AuditEvents.UsageLine> p = lines(provider, maxLines);
            List<AuditEvents.UsageLine> c = lines(consumer, maxLines);
            boolean truncated = provider.size() > maxLines || consumer.size() > maxLines;
            String path = "/api/audit/usage.csv?department=" + department + "&from=" + start + "&to=" + end;
            return new AuditEvents.UsageLogDigest(department, start, end, accesses, records, p, c, truncated, path, now);
        }

        private static List<AuditEvents.UsageLine> lines(Map<String, Line> lines, int max) {
            return lines.values().stream().sorted(Comparator.comparingLong((Line l) -> l.accesses).reversed())
                    .limit(max).map(Line::build).toList();
        }
    }

    private static final class Line {
        final String counterpart;
        final String resource;
        final String purpose;
        final Set<String> items = new LinkedHashSet<>();
        final Set<String> users = new LinkedHashSet<>();
        long accesses;
        long records;
        Instant first;
        Instant last;

        Line(String counterpart, String resource, String purpose) {
            this.counterpart = counterpart;
            this.resource = resource;
            this.purpose = purpose;
        }

        void add(UsageLog.UsageEntry e) {
            accesses++;
            records += e.recordCount();
            items.addAll(e.items());
            if (e.user() != null) {
                users.add(e.user());
            }
            if (e.accessedAt() != null) {
                first = first == null || e.accessedAt().isBefore(first) ? e.accessedAt() : first;
                last = last == null || e.accessedAt().isAfter(last) ? e.accessedAt() : last;
            }
        }

        AuditEvents.UsageLine build() {
            return new AuditEvents.UsageLine(counterpart, resource, purpose, new ArrayList<>(items), new ArrayList<>(users),
                    accesses, records, first, last);
        }
    }
}
