package cn.govdata.platform.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param pollInterval how often pending events are looked for; also the worst-case added latency
 * @param batchSize    documents drained per collection per poll
 * @param sendTimeout  how long one publish may take before the message is left for the next poll
 */
@ConfigurationProperties("govdata.outbox")
public record OutboxProperties(Duration pollInterval, int batchSize, Duration sendTimeout) {

    public OutboxProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        batchSize = batchSize <= 0 ? 100 : batchSize;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(10) : sendTimeout;
    }
}
