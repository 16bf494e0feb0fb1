package cn.govdata.opendata.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Usage reports of licensees (QZ 6.7). QZ 6.7 sets no consequence for a licensee that stops reporting;
 * the platform lets the bureau suspend a licence after this many missed periods (one miss may be a
 * slip, a pattern is not).
 */
@ConfigurationProperties("govdata.open-data.usage-reports")
record UsageReportSettings(@DefaultValue("2") int missesBeforeSuspension) {

    UsageReportSettings {
        if (missesBeforeSuspension < 1) {
            throw new IllegalArgumentException("govdata.open-data.usage-reports.misses-before-suspension must be at least 1");
        }
    }
}
