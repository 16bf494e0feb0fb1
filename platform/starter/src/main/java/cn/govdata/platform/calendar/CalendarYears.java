package cn.govdata.platform.calendar;

import cn.govdata.calendar.ScheduleSource;
import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.calendar.YearSchedule;
import cn.govdata.events.calendar.CalendarYearPublished;
import cn.govdata.platform.deadline.DeadlineReplanning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this service's working-day calendar on the official notices the platform accepted. A
 * {@code CalendarYearPublished} is adopted once per service (the consumer group), stored in the
 * service's {@code calendar_years}, and its deadlines are re-planned. Every replica, the one that
 * consumed the event or not, adopts what {@code calendar_years} holds at start and then every
 * {@code refresh-interval}, so all replicas switch without a restart.
 */
final class CalendarYears implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CalendarYears.class);

    private final MongoTemplate mongo;
    private final WorkingDayCalendar calendar;
    private final DeadlineReplanning replanning;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Map<Integer, AdoptedYear> adopted = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private volatile boolean running;

    CalendarYears(MongoTemplate mongo, WorkingDayCalendar calendar, DeadlineReplanning replanning, Clock clock,
                  Duration refreshInterval) {
        this.mongo = mongo;
        this.calendar = calendar;
        this.replanning = replanning;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
    }

    /**
     * Adopts a published notice: the calendar first, then the re-plan, then the stored copy, so a
     * crash in between repeats the (idempotent) steps on redelivery. An older revision than the one
     * held is ignored.
     */
    synchronized void apply(CalendarYearPublished event) {
        AdoptedYear stored = mongo.findById(event.year(), AdoptedYear.class, AdoptedYear.COLLECTION);
        if (stored != null && stored.revision() >= event.revision()) {
            adoptInMemory(stored);
            log.info("Holiday notice {} revision {} already adopted (have revision {})", event.year(), event.revision(),
                    stored.revision());
            return;
        }
        AdoptedYear year = AdoptedYear.of(event, clock.instant());
        adoptInMemory(year);
        replanning.replan(year.year(), year.notice());
        mongo.save(year, AdoptedYear.COLLECTION);
    }

    Optional<AdoptedYear> adopted(int year) {
        return Optional.ofNullable(adopted.get(year));
    }

    /** Adopts every stored year newer than what this replica holds. */
    void refresh() {
        for (AdoptedYear year : mongo.find(new Query(), AdoptedYear.class, AdoptedYear.COLLECTION)) {
            AdoptedYear held = adopted.get(year.year());
            if (held == null || held.revision() < year.revision()) {
                adoptInMemory(year);
            }
        }
    }

    private void adoptInMemory(AdoptedYear year) {
        AdoptedYear held = adopted.get(year.year());
        if (held != null && held.revision() >= year.revision()) {
            return;
        }
        calendar.adopt(new YearSchedule(year.year(), year.notice(), new HashSet<>(year.publicHolidays()),
                new HashSet<>(year.makeupWorkingDays())), ScheduleSource.UPLOADED);
        adopted.put(year.year(), year);
        log.info("Working-day calendar now uses the uploaded {} notice {} (revision {})", year.year(), year.notice(),
                year.revision());
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "calendar-years");
            thread.setDaemon(true);
            return thread;
        });
        // At once and then periodically: the database may be away at start-up, and other replicas adopt through it.
        executor.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("Could not read the adopted holiday notices; retrying in {}: {}", refreshInterval, e.toString());
            }
        }, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
