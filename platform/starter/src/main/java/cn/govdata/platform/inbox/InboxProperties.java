package cn.govdata.platform.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param retention     how long a processed-event marker is kept; far longer than any redelivery
 *                      (Kafka retries, a consumer group rewinding after a crash), after which the
 *                      marker cannot stop a duplicate because none comes any more
 * @param purgeInterval how often markers older than the retention are deleted
 */
@ConfigurationProperties("govdata.inbox")
public record InboxProperties(Duration retention, Duration purgeInterval) {

    public InboxProperties {
        retention = retention == null ? Duration.ofDays(7) : retention;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
    }
}
