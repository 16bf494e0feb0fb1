package cn.govdata.catalog.duty;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.MonthDay;

/**
 * @param censusDue last day of the year by which departments confirm the annual full census
 *                  (NT 11: 每年…全面普查), as {@code --MM-dd}; the census is due at the end of that
 *                  day, Asia/Shanghai. Default {@code --12-31}.
 */
@ConfigurationProperties("govdata.catalog")
record DutyProperties(MonthDay censusDue) {

    DutyProperties {
        censusDue = censusDue == null ? MonthDay.of(12, 31) : censusDue;
    }
}
