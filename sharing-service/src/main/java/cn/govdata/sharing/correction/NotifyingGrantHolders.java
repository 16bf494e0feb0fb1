package cn.govdata.sharing.correction;

import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.objection.ObjectionEvents;
import cn.govdata.events.sharing.SharingEvents;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.Grants;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * NT 29: corrected data is pushed to every consumer authorised to use it. Each department holding
 * an active grant on the corrected resource gets one CorrectionNotified on the sharing topic,
 * addressed to it in {@code ce_department}; its system then fetches the record again through the
 * exchange, within its grant and masking. Suspended, revoked and expired grants get nothing: their
 * holders may not use the data.
 */
@Service
class NotifyingGrantHolders {

    private static final Logger log = LoggerFactory.getLogger(NotifyingGrantHolders.class);

    private final Grants grants;
    private final MongoTemplate mongo;
    private final Events events;
    private final MeterRegistry meters;
    private final Clock clock;

    NotifyingGrantHolders(Grants grants, MongoTemplate mongo, Events events, MeterRegistry meters, Clock clock) {
        this.grants = grants;
        this.mongo = mongo;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        mongo.indexOps(CorrectionNotice.COLLECTION).createIndex(new Index().on("grantId", Sort.Direction.ASC)
                .on("notifiedAt", Sort.Direction.DESC));
    }

    /**
     * Safe to repeat for the same event: a grant already told of it is skipped, so a redelivery
     * (or a crash before the inbox marker was written) tells nobody twice.
     *
     * @return how many grant holders were told now
     */
    int tellHolders(String correctionEventId, ObjectionEvents.DataCorrected corrected) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int told = 0;
        for (Grant grant : grants.activeOnResource(corrected.resourceId(), now)) {
            var payload = new SharingEvents.CorrectionNotified(grant.id(), corrected.resourceId(),
                    grant.providerDepartment(), grant.consumerDepartment(), corrected.recordPseudonym(),
                    corrected.correctedFields(), corrected.caseId(), corrected.correctedAt(), now);
            var event = events.create(SharingEventTypes.CORRECTION_NOTIFIED, grant.id(), grant.consumerDepartment(),
                    grant.region(), payload);
            var notice = new CorrectionNotice(CorrectionNotice.id(correctionEventId, grant.id()), correctionEventId,
                    corrected.caseId(), grant.id(), corrected.resourceId(), grant.providerDepartment(),
                    grant.consumerDepartment(), corrected.recordPseudonym(), corrected.correctedFields(), corrected.correctedAt(),
                    now, List.of(event));
            try {
                mongo.insert(notice);
                told++;
                meters.counter("corrections_notified", "consumer_department", grant.consumerDepartment()).increment();
            } catch (DuplicateKeyException toldBefore) {
                // This holder was told of this correction on an earlier delivery.
            }
        }
        log.info("Correction of {} in {} (case {}): {} grant holders told", corrected.correctedFields(),
                corrected.resourceId(), corrected.caseId(), told);
        return told;
    }

    @Configuration(proxyBeanMethods = false)
    static class CorrectionOutbox {

        @Bean
        OutboxCollection correctionNoticesOutbox() {
            return new OutboxCollection(CorrectionNotice.COLLECTION);
        }
    }
}
