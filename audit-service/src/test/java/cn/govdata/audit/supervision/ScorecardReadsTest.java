package cn.govdata.audit.supervision;

import cn.govdata.audit.chain.TrailRecord;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.SharingEventTypes;
import cn.govdata.events.Topics;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.policy.JurisdictionProfile;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A scorecard reads its own department's facts of its own period, however much else the store holds. */
@PlatformIntegrationTest
class ScorecardReadsTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Scorecards scorecards;
    @Autowired
    JurisdictionProfile profile;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    Clock clock;
    @Autowired
    SupervisionFacts facts;
    @Autowired
    JsonMapper json;
    @Value("${spring.mongodb.uri}")
    String uri;

    final String department = "R" + UUID.randomUUID().toString().replaceAll("[^A-Za-z]", "").substring(0, 5).toUpperCase();
    final String other = department + "X";
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Set<String> returned = ConcurrentHashMap.newKeySet();
    MongoClient client;
    Scorecards watched;

    @BeforeEach
    void watchWhatTheStoreReturns() {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor == null || !cursor.getString("ns").getValue().endsWith("." + SupervisionFacts.COLLECTION)) {
                    return;
                }
                var batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch") : cursor.getArray("nextBatch");
                batch.forEach(d -> returned.add(d.asDocument().getString("_id").getValue()));
            }
        };
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .addCommandListener(listener).build());
        watched = new Scorecards(new MongoTemplate(client, new ConnectionString(uri).getDatabase()), profile, calendar, clock);
    }

    @AfterEach
    void close() {
        client.close();
    }

    void fact(String id, String department, String kind, Object... fields) {
        Document fact = new Document("_id", id).append("kind", kind).append("department", department).append("subject", id);
        for (int i = 0; i < fields.length; i += 2) {
            fact.append((String) fields[i], fields[i + 1]);
        }
        mongo.insert(fact, SupervisionFacts.COLLECTION);
    }

    @Test
    void a_scorecard_reads_neither_other_departments_facts_nor_cases_of_earlier_periods() {
        Instant from = now.minus(Duration.ofDays(30));
        Instant to = now.plusSeconds(1);
        Date lastWeek = Date.from(now.minus(Duration.ofDays(7)));
        Date twoYearsAgo = Date.from(now.minus(Duration.ofDays(730)));
        fact("approval:share-decision:" + department + "-now", department, "approval", "dueAt", lastWeek,
                "decidedAt", Date.from(now.minus(Duration.ofDays(8))));
        fact("approval:share-decision:" + department + "-late", department, "approval", "dueAt", lastWeek);
        fact("approval:share-decision:" + department + "-old", department, "approval", "dueAt", twoYearsAgo, "decidedAt", twoYearsAgo);
        fact("objection:" + department + "-old", department, "objection", "openedAt", twoYearsAgo, "closedAt", twoYearsAgo);
        fact("duty:" + department + "-old", department, "duty", "dueAt", twoYearsAgo, "decidedAt", twoYearsAgo);
        fact("missed:" + department + "-old", department, "missed", "process", "share-decision", "dueAt", twoYearsAgo,
                "missedAt", twoYearsAgo);
        fact("grant:" + department + "-ended", department, "grant", "issuedAt", twoYearsAgo, "validTo", Date.from(now.minus(Duration.ofDays(365))));
        fact("entry:" + department, department, "entry", "shareType", "UNCONDITIONAL", "openType", "NOT_OPEN",
                "hasDictionary", true, "elementsComplete", true);
        fact("approval:share-decision:" + other, other, "approval", "dueAt", lastWeek);
        fact("entry:" + other, other, "entry", "shareType", "UNCONDITIONAL");

        var card = watched.one(department, from, to);

        assertThat(returned).contains("approval:share-decision:" + department + "-now", "approval:share-decision:" + department + "-late",
                "entry:" + department);
        assertThat(returned).noneMatch(id -> id.contains(other) || id.endsWith("-old") || id.endsWith("-ended"));
        assertThat(card.items()).filteredOn(i -> i.item().equals("approval-timeliness"))
                .singleElement().satisfies(i -> assertThat(List.of(i.passed(), i.total())).containsExactly(1L, 2L));
        assertThat(card.items()).isEqualTo(scorecards.one(department, from, to).items());
    }

    TrailRecord sharing(String type, String body) {
        return new TrailRecord(1, TrailRecord.GENESIS, UUID.randomUUID().toString(), Topics.SHARING + "-0", Topics.SHARING, 0, 0,
                type, "/govdata/sharing-service", "app", now, department, "320100", now, List.of(), null, null, null, null,
                json.readTree(body));
    }

    Document stored(String id) {
        return mongo.findById(id, Document.class, SupervisionFacts.COLLECTION);
    }

    @Test
    void an_approval_is_open_until_decided_whatever_order_and_how_often_its_events_arrive() {
        String app = "APP-" + department;
        var submitted = sharing(SharingEventTypes.APPLICATION_SUBMITTED.type(), """
                {"applicationId":"%s","providerDepartment":"%s","submittedAt":"%s","decisionDueAt":"%s"}"""
                .formatted(app, department, now, now.plus(Duration.ofDays(10))));
        var decided = sharing(SharingEventTypes.APPLICATION_DECIDED.type(), """
                {"applicationId":"%s","providerDepartment":"%s","decidedAt":"%s","outcome":"APPROVED"}"""
                .formatted(app, department, now.plusSeconds(60)));
        String id = "approval:share-decision:" + app;

        facts.apply(List.of(submitted));
        assertThat(stored(id).get(SupervisionFacts.OPEN_KIND)).isEqualTo("approval");
        long open = scorecards.openCases().get("approval");

        facts.apply(List.of(decided));
        facts.apply(List.of(submitted)); // redelivered after the decision
        assertThat(stored(id)).doesNotContainKey(SupervisionFacts.OPEN_KIND);
        assertThat(scorecards.openCases().get("approval")).isEqualTo(open - 1);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(department)), SupervisionFacts.DEPARTMENTS)).isTrue();
    }

    @Test
    void facts_recorded_before_open_marks_and_the_department_list_get_them_from_the_one_time_backfill() {
        fact("duty:" + department + "-early", department, "duty", "dueAt", Date.from(now));
        fact("duty:" + department + "-done", department, "duty", "dueAt", Date.from(now), "decidedAt", Date.from(now));
        mongo.remove(Query.query(Criteria.where("_id").is("backfill:open-cases-and-departments")), SupervisionFacts.COLLECTION);

        facts.backfill();

        assertThat(stored("duty:" + department + "-early").get(SupervisionFacts.OPEN_KIND)).isEqualTo("duty");
        assertThat(stored("duty:" + department + "-done")).doesNotContainKey(SupervisionFacts.OPEN_KIND);
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(department)), SupervisionFacts.DEPARTMENTS)).isTrue();
        assertThat(scorecards.all(now.minus(Duration.ofDays(1)), now.plusSeconds(1))).anyMatch(c -> c.department().equals(department));
    }
}
