package cn.govdata.platform.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param acceptUploads   true in exactly one service (catalog-service): it offers the upload endpoint and publishes notices
 * @param refreshInterval how often each replica re-reads the notices its service adopted (other replicas switch through it)
 */
@ConfigurationProperties("govdata.calendar.notices")
public record CalendarNoticeProperties(boolean acceptUploads, Duration refreshInterval) {

    public CalendarNoticeProperties {
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
    }
}
