package cn.govdata.sharing.exchange;

import cn.govdata.events.exchange.ExchangeEvents.DataAccessed;
import cn.govdata.platform.outbox.Events;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AccessLogTest {

    private final MongoTemplate mongo = mock(MongoTemplate.class, Answers.RETURNS_DEEP_STUBS);
    @SuppressWarnings("unchecked")
    private final MongoCollection<Document> collection = mock(MongoCollection.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final List<Document> written = Collections.synchronizedList(new ArrayList<>());
    private AccessLog log;

    private AccessLog start(ExchangeProperties.AccessLog.Mode mode) {
        return start(mode, 0, Duration.ofSeconds(10));
    }

    private AccessLog start(ExchangeProperties.AccessLog.Mode mode, int maxBatch, Duration writeTimeout) {
        when(mongo.getCollection(AccessLog.COLLECTION)).thenReturn(collection);
        var properties = new ExchangeProperties(null, null, 0, null, 0, null, null, null,
                new ExchangeProperties.AccessLog(mode, 0, maxBatch, writeTimeout, Duration.ofHours(1), null, null, null));
        log = new AccessLog(mongo, new Events(JsonMapper.builder().build(), clock, "sharing-service"), clock, properties,
                new SimpleMeterRegistry());
        log.start();
        return log;
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.stop();
        }
    }

    private static AccessLog.AccessRecord access(String id) {
        return new AccessLog.AccessRecord(new DataAccessed(id, "R-1", "人口基础信息", "PSB", "HRSS", "hrss-system", null, "养老认证",
                "G-1", "DATA", "psb-approver", "RECORD", ExchangingData.OP_RECORD, List.of("姓名"), List.of(), 1, null, "req-1",
                Instant.parse("2026-11-20T02:00:00Z")), "320100", List.of("110101199003071234"));
    }

    @Test
    void aCallWaitsUntilItsAccessIsWrittenWithItsEventInOneDocument() {
        doAnswer(i -> {
            written.add(i.getArgument(0));
            return null;
        }).when(collection).insertOne(any());
        start(ExchangeProperties.AccessLog.Mode.GROUP_COMMIT).record(access("a-1"));

        assertThat(written).hasSize(1);
        Document batch = written.get(0);
        assertThat(batch.getList("accesses", Document.class)).singleElement()
                .satisfies(a -> assertThat(a.getList("recordKeys", String.class)).containsExactly("110101199003071234"));
        assertThat(batch.getList("outbox", Document.class)).singleElement().satisfies(e -> {
            assertThat(e.getString("type")).isEqualTo("cn.govdata.exchange.data.accessed.v1");
            assertThat(e.getString("key")).isEqualTo("a-1");
            assertThat(e.getString("payload")).contains("养老认证").doesNotContain("110101199003071234");
        });
    }

    @Test
    void anAccessThatCannotBeRecordedDeliversNothing() {
        doAnswer(i -> {
            throw new MongoException("store away");
        }).when(collection).insertOne(any());

        assertThatThrownBy(() -> start(ExchangeProperties.AccessLog.Mode.GROUP_COMMIT).record(access("a-2")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.slug()).isEqualTo("access-log-unavailable");
                });
    }

    @Test
    void inAsyncModeTheCallDoesNotWaitAndTheWriterRetriesUntilTheStoreIsBack() {
        AtomicInteger attempts = new AtomicInteger();
        doAnswer(i -> {
            if (attempts.incrementAndGet() < 3) {
                throw new MongoException("store away");
            }
            written.add(i.getArgument(0));
            return null;
        }).when(collection).insertOne(any());

        start(ExchangeProperties.AccessLog.Mode.ASYNC).record(access("a-3"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(written).hasSize(1));
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void aCallThatFallsBehindWritesThatStillCompleteIsToldToComeBackRatherThanThatTheStoreIsDown() throws Exception {
        // Every insert works but takes 100 ms and holds one record, so twenty calls at once queue
        // for two seconds: those past the 300 ms write timeout are load, not an outage.
        doAnswer(i -> {
            Thread.sleep(100);
            written.add(i.getArgument(0));
            return null;
        }).when(collection).insertOne(any());
        AccessLog accessLog = start(ExchangeProperties.AccessLog.Mode.GROUP_COMMIT, 1, Duration.ofMillis(300));
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            for (int c = 0; c < 20; c++) {
                String id = "busy-" + c;
                calls.add(pool.submit(() -> accessLog.record(access(id))));
            }
            List<ExchangeException> refusals = new ArrayList<>();
            for (var call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    refusals.add((ExchangeException) e.getCause());
                }
            }

            assertThat(refusals).isNotEmpty().allSatisfy(e -> {
                assertThat(e.status().value()).isEqualTo(429);
                assertThat(e.slug()).isEqualTo("access-log-overloaded");
                assertThat(e.getMessage()).contains("访问记录写入繁忙").contains("behind under load");
                assertThat(e.retryAfterSeconds()).isEqualTo("1");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallWaitingOnAStoreThatWritesNothingIsStillA503() {
        doAnswer(i -> {
            Thread.sleep(2_000);
            return null;
        }).when(collection).insertOne(any());

        assertThatThrownBy(() -> start(ExchangeProperties.AccessLog.Mode.GROUP_COMMIT, 0, Duration.ofMillis(300)).record(access("a-4")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(503);
                    assertThat(e.slug()).isEqualTo("access-log-unavailable");
                });
    }
}
