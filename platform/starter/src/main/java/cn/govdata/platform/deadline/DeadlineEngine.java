package cn.govdata.platform.deadline;

import cn.govdata.events.EventType;
import cn.govdata.events.EventTypes;
import cn.govdata.events.deadline.DeadlineEvent;
import cn.govdata.platform.outbox.Events;
import cn.govdata.platform.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires due deadlines exactly once across replicas sharing the database. Each deadline is first
 * claimed with an atomic lease (only where pending and not leased, or the lease ran out); then its
 * {@link DeadlineHandler} runs; then one conditional update, valid only while this engine still holds
 * the lease, marks it fired (or reminded) and queues its event in the document's outbox, which the
 * outbox relay publishes to {@code govdata.deadlines.v1}. A replica that lost its lease meanwhile
 * writes nothing, so there is never a second event; a handler that throws leaves the lease to expire
 * and the deadline is retried.
 */
final class DeadlineEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlineEngine.class);

    private final DeadlineStore store;
    private final Map<String, DeadlineHandler> handlers;
    private final Events events;
    private final Clock clock;
    private final DeadlineProperties properties;
    private final DeadlineMetrics metrics;
    private final String owner;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    DeadlineEngine(DeadlineStore store, List<DeadlineHandler> handlers, Events events, Clock clock,
                   DeadlineProperties properties, DeadlineMetrics metrics, String owner) {
        this.store = store;
        this.handlers = byStep(handlers);
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
        this.owner = owner;
    }

    /** Fires what is due now, at most one batch; returns how many reminders and misses were fired. */
    int pollOnce() {
        Instant now = clock.instant();
        int fired = 0;
        for (int i = 0; i < properties.batchSize(); i++) {
            Optional<DeadlineDocument> claimed = store.claim(owner, now, properties.lease());
            if (claimed.isEmpty()) {
                break;
            }
            if (fire(claimed.get(), now)) {
                fired++;
            }
        }
        metrics.overdue(store.countOverdue(now));
        metrics.pendingProvisional(store.countPendingProvisional());
        return fired;
    }

    private boolean fire(DeadlineDocument claimed, Instant now) {
        Deadline deadline = claimed.toDeadline();
        boolean due = !deadline.dueAt().isAfter(now);
        boolean remind = !due && deadline.remindAt() != null && !deadline.remindAt().isAfter(now)
                && deadline.remindedAt() == null;
        if (!due && !remind) {
            // Only if the database and this JVM disagree on a comparison (e.g. sub-millisecond precision); try next poll.
            store.releaseLease(deadline.id(), owner);
            return false;
        }
        DeadlineHandler handler = handlers.get(key(deadline.process(), deadline.step()));
        if (handler != null) {
            try {
                if (due) {
                    handler.onMissed(deadline);
                } else {
                    handler.onApproaching(deadline);
                }
            } catch (RuntimeException e) {
                metrics.handlerFailed(deadline.process(), deadline.step());
                log.warn("Handler for deadline {}/{} of {} failed (attempt {}); retrying after the lease of {} runs out",
                        deadline.process(), deadline.step(), deadline.subjectId(), claimed.attempts(), properties.lease(), e);
                return false;
            }
        } else if (due && deadline.action() == ExpiryAction.AUTO_ACT) {
            log.warn("Deadline {}/{} of {} is AUTO_ACT but this service has no DeadlineHandler for it; only the event is sent",
                    deadline.process(), deadline.step(), deadline.subjectId());
        }
        if (due) {
            OutboxMessage missed = event(EventTypes.DEADLINE_MISSED, deadline, deadline.action().wireName(), now);
            if (store.markFired(deadline.id(), owner, now, missed)) {
                metrics.missed(deadline.process(), deadline.responsibleDepartment());
                log.info("Deadline {}/{} of {} ({}) missed, due {}: {}", deadline.process(), deadline.step(),
                        deadline.subjectId(), deadline.responsibleDepartment(), deadline.dueAt(), deadline.action());
                return true;
            }
        } else {
            OutboxMessage approaching = event(EventTypes.DEADLINE_APPROACHING, deadline, ExpiryAction.REMIND, now);
            if (store.markReminded(deadline.id(), owner, now, approaching)) {
                metrics.reminded(deadline.process(), deadline.responsibleDepartment());
                return true;
            }
        }
        log.info("Deadline {} was completed, cancelled or taken over by another replica while firing; nothing sent",
                deadline.id());
        return false;
    }

    private OutboxMessage event(EventType<DeadlineEvent> type, Deadline deadline, String action, Instant now) {
        var payload = new DeadlineEvent(deadline.id(), deadline.process(), deadline.step(), deadline.subjectId(),
                deadline.responsibleDepartment(), deadline.dueAt(), action, deadline.ruleCitation(), now, deadline.calendarBasis());
        return events.create(type, deadline.subjectId(), deadline.responsibleDepartment(), deadline.region(), payload);
    }

    private static Map<String, DeadlineHandler> byStep(List<DeadlineHandler> handlers) {
        Map<String, DeadlineHandler> byStep = new HashMap<>();
        for (DeadlineHandler handler : handlers) {
            DeadlineHandler previous = byStep.put(key(handler.process(), handler.step()), handler);
            if (previous != null) {
                throw new IllegalStateException("Two DeadlineHandlers for " + handler.process() + "/" + handler.step() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return Map.copyOf(byStep);
    }

    private static String key(String process, String step) {
        return process + "/" + step;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "deadline-engine");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("Deadline poll failed; retrying in {} ms: {}", period, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Deadline engine {} polling every {}", owner, properties.pollInterval());
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
