package cn.govdata.audit.archive;

import cn.govdata.audit.StandaloneTrail;
import cn.govdata.audit.chain.Blocks;
import cn.govdata.audit.chain.VerificationReport;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.domain.Refusal;
import cn.govdata.policy.JurisdictionProfiles;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrailArchiveTest {

    static final String CHAIN = "govdata.catalog.v1-0";

    final StandaloneTrail trail = new StandaloneTrail();
    final TrailArchive archive = new TrailArchive(trail.mongo, trail.checkpoints, JurisdictionProfiles.get("quanzhou"),
            WorkingDayCalendar.shipped(), trail.json, trail.clock);

    @AfterEach
    void close() {
        trail.close();
    }

    @Test
    void recordsOlderThanTheRetentionMoveToTheArchiveAndTheWholeChainStillVerifies() {
        Instant now = Instant.parse("2026-11-20T02:00:00Z");
        trail.clock.set(now.minus(Duration.ofDays(4 * 365)));
        trail.append(2);
        trail.append(3);
        trail.clock.set(now.minus(Duration.ofDays(10)));
        trail.append(2);
        trail.clock.set(now);

        var result = archive.archive(now.minus(Duration.ofDays(3 * 365 + 5)));

        assertThat(result.chains()).singleElement().satisfies(c -> {
            assertThat(c.blocks()).isEqualTo(2);
            assertThat(c.records()).isEqualTo(5);
            assertThat(c.archivedThroughSeq()).isEqualTo(5);
        });
        assertThat(trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.ARCHIVE)).isNotNull();
        assertThat(trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION)).isNull();

        trail.append(1);
        VerificationReport report = trail.verifier.verify();
        assertThat(report.status()).isEqualTo(VerificationReport.Status.INTACT);
        assertThat(report.chains().get(0).archived()).isEqualTo(5);
        assertThat(report.chains().get(0).records()).isEqualTo(3);
        assertThat(report.records()).isEqualTo(8);
    }

    @Test
    void nothingYoungerThanTheProfilesRetentionCanBeArchived() {
        trail.append(1);

        assertThatThrownBy(() -> archive.archive(trail.clock.instant().minus(Duration.ofDays(365))))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.INVALID))
                .hasMessageContaining("kept at least 3y");
    }

    @Test
    void anArchivedRecordEditedByHandIsStillFound() {
        Instant now = trail.clock.instant();
        trail.clock.set(now.minus(Duration.ofDays(4 * 365)));
        trail.append(3);
        trail.clock.set(now);
        trail.append(1);
        archive.archive(now.minus(Duration.ofDays(3 * 365 + 5)));

        Document archived = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.ARCHIVE);
        String edited = Blocks.records(archived).get(1).replace("市公安局", "市场监督管理局");
        trail.mongo.updateFirst(Query.query(Criteria.where("_id").is(Blocks.id(CHAIN, 1))),
                new Update().set(Blocks.RECORDS + ".1", edited), Blocks.ARCHIVE);

        var chain = trail.verifier.verify().chains().get(0);
        assertThat(chain.altered()).hasSize(1);
        assertThat(chain.firstBrokenAt()).isEqualTo(2);
    }

    @Test
    void aCrashBetweenCopyingAndRemovingLeavesATrailThatVerifiesAndARerunCompletes() {
        Instant now = trail.clock.instant();
        trail.clock.set(now.minus(Duration.ofDays(4 * 365)));
        trail.append(2);
        trail.clock.set(now);
        trail.append(1);
        // the copy happened, the seal and the removal did not
        Document block = trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION);
        trail.mongo.insert(block, Blocks.ARCHIVE);

        assertThat(trail.verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);
        archive.archive(now.minus(Duration.ofDays(3 * 365 + 5)));
        assertThat(trail.verifier.verify().status()).isEqualTo(VerificationReport.Status.INTACT);
        assertThat(trail.mongo.findById(Blocks.id(CHAIN, 1), Document.class, Blocks.COLLECTION)).isNull();
    }
}
