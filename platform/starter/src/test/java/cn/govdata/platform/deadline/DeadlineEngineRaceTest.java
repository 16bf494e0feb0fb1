package cn.govdata.platform.deadline;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.events.EventTypes;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.test.InMemoryWireStore;
import cn.govdata.platform.test.PlatformIntegrationTest;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.RuleKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PlatformIntegrationTest
@ContextConfiguration(classes = StarterTestApplication.class, initializers = InMemoryWireStore.class)
@TestPropertySource(properties = StarterTestApplication.ADJUSTABLE_TIME)
class DeadlineEngineRaceTest {

    // Not registered as an outbox collection, so the relay leaves the queued events for the test to count.
    private static final String COLLECTION = "race_deadlines";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Events events;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    JurisdictionProfile profile;
    @Autowired
    Clock clock;

    @Test
    void twoReplicasRacingOverFiftyDueDeadlinesFireEachExactlyOnce() throws Exception {
        var store = new DeadlineStore(mongo, COLLECTION);
        var meters = new SimpleMeterRegistry();
        var metrics = new DeadlineMetrics(meters);
        var registry = new DeadlineRegistry(store, calendar, profile, clock, metrics);
        Instant past = clock.instant().minus(Duration.ofHours(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(registry.register(DeadlineRequest.forStep("race", "decide", "S-" + i).responsible("PSB", "320100")
                    .dueAt(past.plusSeconds(i)).onExpiry(ExpiryAction.ESCALATE_TO_BUREAU)).id());
        }
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        DeadlineHandler counting = new DeadlineHandler() {
            @Override
            public String process() {
                return "race";
            }

            @Override
            public String step() {
                return "decide";
            }

            @Override
            public void onMissed(Deadline deadline) {
                handled.computeIfAbsent(deadline.id(), id -> new AtomicInteger()).incrementAndGet();
                Thread.yield();
            }
        };
        // Small batches and lease far beyond the test, so only the claim decides who fires what.
        var properties = new DeadlineProperties(Duration.ofMillis(100), Duration.ofMinutes(5), 3, true);
        var replicaA = new DeadlineEngine(store, List.of(counting), events, clock, properties, metrics, "replica-a");
        var replicaB = new DeadlineEngine(store, List.of(counting), events, clock, properties, metrics, "replica-b");

        ExecutorService threads = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            DeadlineEngine engine = t % 2 == 0 ? replicaA : replicaB;
            Callable<Integer> racer = () -> {
                go.await();
                int fired = 0;
                for (int round = 0; round < 40; round++) {
                    fired += engine.pollOnce();
                }
                return fired;
            };
            results.add(threads.submit(racer));
        }
        go.countDown();
        int fired = 0;
        for (Future<Integer> result : results) {
            fired += result.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(fired).isEqualTo(50);
        assertThat(handled).hasSize(50).allSatisfy((id, count) -> assertThat(count).hasValue(1));
        assertThat(handled.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        List<Document> documents = mongo.find(new Query(), Document.class, COLLECTION);
        assertThat(documents).hasSize(50).allSatisfy(d -> {
            assertThat(d.getString("state")).isEqualTo("FIRED");
            assertThat(d.get("leaseOwner")).isNull();
            List<Document> outbox = d.getList("outbox", Document.class);
            assertThat(outbox).hasSize(1);
            assertThat(outbox.get(0).getString("type")).isEqualTo(EventTypes.DEADLINE_MISSED.type());
            assertThat(outbox.get(0).getString("key")).isEqualTo(d.getString("subjectId"));
        });
        assertThat(meters.get("deadlines_missed").tag("process", "race").counter().count()).isEqualTo(50.0);
        assertThat(replicaA.pollOnce() + replicaB.pollOnce()).isZero();
    }

    @Test
    void registeringTheSameStepTwiceKeepsOneDeadline() {
        var store = new DeadlineStore(mongo, "idempotent_deadlines");
        var registry = new DeadlineRegistry(store, calendar, profile, clock, new DeadlineMetrics(new SimpleMeterRegistry()));
        var request = DeadlineRequest.forStep("objection", "mark-disputed", "OBJ-7").responsible("BDC", "320100")
                .within(Instant.parse("2026-11-20T02:00:00Z"), RuleKey.OBJECTION_MARK);

        Deadline first = registry.register(request);
        Deadline second = registry.register(request.dueAt(Instant.parse("2030-01-01T00:00:00Z")));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.dueAt()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
        assertThat(second.ruleCitation()).isEqualTo("NJ 35");
        assertThat(mongo.count(new Query(), "idempotent_deadlines")).isEqualTo(1);
        // The unique index itself refuses a second document for the same step, whoever writes it.
        assertThatThrownBy(() -> mongo.insert(new Document("process", "objection").append("step", "mark-disputed")
                .append("subjectId", "OBJ-7"), "idempotent_deadlines")).isInstanceOf(DuplicateKeyException.class);
    }
}
