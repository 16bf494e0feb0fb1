package cn.govdata.audit.archive;

import cn.govdata.audit.chain.Blocks;
import cn.govdata.audit.chain.Checkpoints;
import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Period;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Moves the oldest blocks of each chain, whole and unchanged, from the live collection to
 * {@code audit_archive}, never anything younger than the profile's audit-log retention (QZ 8.4: at
 * least 3 years). The archived part of a chain stays verifiable: its blocks keep their hashes and
 * links, and a signed seal records the last archived sequence and hash, which the live part's
 * first record links to. Nothing is deleted from the audit store as a whole; there is no delete API.
 *
 * <p>No transactions: blocks are copied first, then the seal is written, then the live copies are
 * removed. Each step can be repeated, and verification tells a copy awaiting removal from an
 * inserted block, so a crash at any point leaves a trail that verifies, and running the archive
 * again completes it.
 */
@Component
public class TrailArchive {

    private static final Logger log = LoggerFactory.getLogger(TrailArchive.class);

    private final MongoTemplate mongo;
    private final Checkpoints checkpoints;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final JsonMapper json;
    private final Clock clock;

    TrailArchive(MongoTemplate mongo, Checkpoints checkpoints, JurisdictionProfile profile, WorkingDayCalendar calendar,
                 JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.checkpoints = checkpoints;
        this.profile = profile;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    /** The latest instant records may have been written before to be archived now. */
    public Instant retentionCutoff() {
        Period retention = profile.auditLogRetention().value();
        ZonedDateTime now = clock.instant().atZone(GovdataPlatformAutoConfiguration.CHINA);
        return switch (retention.unit()) {
            case YEARS -> now.minusYears(retention.amount()).toInstant();
            case MONTHS -> now.minusMonths(retention.amount()).toInstant();
            case CALENDAR_DAYS -> now.minusDays(retention.amount()).toInstant();
            case WORKING_DAYS -> calendar.addWorkingDays(now.toLocalDate(), -retention.amount())
                    .atStartOfDay(GovdataPlatformAutoConfiguration.CHINA).toInstant();
        };
    }

    public synchronized Result archive(Instant before) {
        Instant cutoff = retentionCutoff();
        if (before.isAfter(cutoff)) {
            throw Refusal.invalidField("before", "must not be later than " + cutoff + ": audit records are kept at least "
                    + profile.auditLogRetention().value() + " (" + profile.auditLogRetention().source() + ")");
        }
        List<ChainResult> chains = new ArrayList<>();
        for (Document head : mongo.find(new Query(), Document.class, Blocks.CHAINS)) {
            ChainResult result = archiveChain(head.getString("_id"), before);
            if (result != null) {
                chains.add(result);
            }
        }
        return new Result(before, cutoff, profile.auditLogRetention().value().toString(), chains);
    }

    private ChainResult archiveChain(String chain, Instant before) {
        Document segment = mongo.findById(chain, Document.class, Blocks.SEGMENTS);
        long through = segment == null ? 0 : Blocks.number(segment, "throughSeq", 0);
        String prevHash = segment == null ? TrailRecord.GENESIS : segment.getString("headHash");
        List<Document> moving = new ArrayList<>();
        long records = 0;
        while (true) {
            Document block = Blocks.find(mongo, Blocks.COLLECTION, Blocks.id(chain, through + 1));
            if (block == null || !olderThan(block, before)) {
                break;
            }
            List<String> entries = Blocks.records(block);
            for (String entry : entries) {
                TrailRecord.Position p = TrailRecord.position(entry, json);
                if (p == null || p.seq() != through + 1 || !p.prev().equals(prevHash)
                        || !cn.govdata.audit.chain.Hashing.sha256(TrailRecord.canonicalOf(entry)).equals(TrailRecord.hashOf(entry))) {
                    return new ChainResult(chain, 0, 0, through, "not archived: the chain is broken at seq " + (through + 1)
                            + "; verify it first");
                }
                through = p.seq();
                prevHash = TrailRecord.hashOf(entry);
            }
            records += entries.size();
            moving.add(block);
        }
        if (moving.isEmpty()) {
            return null;
        }
        for (Document block : moving) {
            try {
                mongo.insert(block, Blocks.ARCHIVE);
            } catch (DuplicateKeyException copiedBefore) {
                // an earlier run copied it and stopped before removing the live copy
            }
        }
        Document seal = checkpoints.sealArchive(chain, through, prevHash, clock.instant());
        Update update = new Update();
        seal.forEach(update::set);
        update.set("updatedAt", Date.from(clock.instant())).inc("archivedBlocks", moving.size());
        mongo.upsert(Query.query(Criteria.where("_id").is(chain)), update, Blocks.SEGMENTS);
        mongo.remove(Query.query(Criteria.where("_id").in(moving.stream().map(b -> b.getString("_id")).toList())), Blocks.COLLECTION);
        log.info("Archived {} blocks ({} records) of chain {} through seq {}", moving.size(), records, chain, through);
        return new ChainResult(chain, moving.size(), records, through, "archived");
    }

    /** Every record in the block happened and was stored before {@code before}. */
    private static boolean olderThan(Document block, Instant before) {
        Date to = Blocks.date(block, Blocks.TO);
        Date written = Blocks.date(block, Blocks.WRITTEN_AT);
        return to != null && written != null && to.toInstant().isBefore(before) && written.toInstant().isBefore(before);
    }

    public record Result(Instant before, Instant retentionCutoff, String retention, List<ChainResult> chains) {
    }

    public record ChainResult(String chain, int blocks, long records, long archivedThroughSeq, String outcome) {
    }
}
