package cn.govdata.platform.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param pollInterval how often due deadlines are looked for; also the worst-case lateness of an event
 * @param lease        how long a replica owns a deadline it is firing; a failed or crashed attempt is
 *                     retried after it, so it must comfortably exceed the slowest {@link DeadlineHandler}
 * @param batchSize    deadlines fired per poll at most, so one poll cannot run for ever
 * @param engineEnabled false stops this process from firing deadlines (registration and reads still work)
 */
@ConfigurationProperties("govdata.deadlines")
public record DeadlineProperties(Duration pollInterval, Duration lease, int batchSize, Boolean engineEnabled) {

    public DeadlineProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        engineEnabled = engineEnabled == null || engineEnabled;
    }
}
