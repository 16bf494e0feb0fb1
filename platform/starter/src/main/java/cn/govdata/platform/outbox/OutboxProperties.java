package cn.govdata.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param pollInterval     how often pending events are looked for while there is work; writers in
 *                         this process nudge the relay, so it is not the latency of their events
 * @param idlePollInterval the longest wait between polls once polls keep finding nothing: the
 *                         latency for events left by another replica or a crash
 * @param batchSize    documents drained per collection per poll
 * @param sendTimeout  how long one publish may take before the message is left for the next poll
 */
@ConfigurationProperties("govdata.outbox")
public record OutboxProperties(Duration pollInterval, Duration idlePollInterval, int batchSize, Duration sendTimeout) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        idlePollInterval = idlePollInterval == null ? Duration.ofSeconds(5) : idlePollInterval;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
    }
}
