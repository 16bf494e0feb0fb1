package cn.govdata.sharing.exchange;

import cn.govdata.events.ExchangeEventTypes;
import cn.govdata.events.exchange.ExchangeEvents.AbnormalAccessDetected;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reports crawler-like access (QZ 5.3) as an AbnormalAccessDetected event: one document of
 * collection {@code exchange_alerts} per detection, the event in its embedded outbox. Rare, so
 * written synchronously. Bursts above a grant's rate are reported at most once per minute per
 * client and grant, not once per refused call.
 */
@Component
class AbnormalAccess {

    static final String COLLECTION = "exchange_alerts";
    private static final Logger log = LoggerFactory.getLogger(AbnormalAccess.class);

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record Alert(@Id String id, AbnormalAccessDetected detection, String region, List<OutboxMessage> outbox) {
    }

    private final MongoTemplate mongo;
    private final Events events;
    private final Cache<String, Instant> recentBursts = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(100_000).build();

    AbnormalAccess(MongoTemplate mongo, Events events) {
        this.mongo = mongo;
        this.events = events;
    }

    void report(AbnormalAccessDetected detection, String region) {
        if ("BURST".equals(detection.pattern())
                && recentBursts.asMap().putIfAbsent(detection.clientId() + '\u0000' + detection.grantId(), detection.detectedAt()) != null) {
            return;
        }
        try {
            OutboxMessage event = events.create(ExchangeEventTypes.ABNORMAL_ACCESS_DETECTED, detection.detectionId(),
                    detection.consumerDepartment(), region, detection);
            mongo.insert(new Alert(detection.detectionId(), detection, region, List.of(event)));
            log.warn("Abnormal access: client {} of {} on resource {}: {} {} > {} within {} s; blocked until {}",
                    detection.clientId(), detection.consumerDepartment(), detection.resourceId(), detection.pattern(),
                    detection.observed(), detection.threshold(), detection.windowSeconds(), detection.blockedUntil());
        } catch (RuntimeException e) {
            // The caller is throttled either way; losing the report must not turn a 429 into a 500.
            log.error("Could not record abnormal access {} by {}: {}", detection.pattern(), detection.clientId(), e.toString());
        }
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
