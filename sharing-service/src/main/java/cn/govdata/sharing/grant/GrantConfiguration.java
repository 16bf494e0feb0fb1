package cn.govdata.sharing.grant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;

/** Grant settings and the scheduler the expiry sweep runs on. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GrantConfiguration.GrantProperties.class)
class GrantConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GrantConfiguration.class);

    /** Where the defaults used to be set too (the exchange's fallback); still read, with a warning. */
    static final String DEPRECATED_RATE = "govdata.exchange.limits.default-rate-per-minute";
    static final String DEPRECATED_QUOTA = "govdata.exchange.limits.default-daily-quota";

    /**
     * One setting for the rate and quota a grant gets when its decision sets none: the value the
     * grant is issued with and the exchange's fallback for grants stored without one. The keys
     * {@value #DEPRECATED_RATE} and {@value #DEPRECATED_QUOTA} are still honoured when these are not set.
     */
    @Bean
    GrantDefaults grantDefaults(GrantProperties properties, Environment environment) {
        int rate = properties.defaultRatePerMinute() != null ? properties.defaultRatePerMinute()
                : deprecated(environment, DEPRECATED_RATE, "govdata.sharing.grants.default-rate-per-minute", 600);
        int quota = properties.defaultDailyQuota() != null ? properties.defaultDailyQuota()
                : deprecated(environment, DEPRECATED_QUOTA, "govdata.sharing.grants.default-daily-quota", 10_000);
        return new GrantDefaults(rate, quota);
    }

    private static int deprecated(Environment environment, String oldKey, String newKey, int fallback) {
        Integer old = environment.getProperty(oldKey, Integer.class);
        if (old == null || old <= 0) {
            return fallback;
        }
        log.warn("{} is deprecated and will be removed; set {} instead (using {})", oldKey, newKey, old);
        return old;
    }

    /**
     * @param defaultDailyQuota    records per day a grant allows when the provider sets none (QZ 5.3: no crawlers); default 10,000
     * @param defaultRatePerMinute calls per minute a grant allows when the provider sets none; default 600
     * @param expiryPollInterval   how often grants past their validity are marked expired
     * @param bureauDepartment     directory code of the data bureau, responsible for the NT 23 review deadline
     */
    @ConfigurationProperties("govdata.sharing.grants")
    record GrantProperties(Integer defaultDailyQuota, Integer defaultRatePerMinute, Duration expiryPollInterval,
                           String bureauDepartment) {

        GrantProperties {
            // Unset stays null so the deprecated exchange keys can still be told apart from a default.
            defaultDailyQuota = defaultDailyQuota == null || defaultDailyQuota <= 0 ? null : defaultDailyQuota;
            defaultRatePerMinute = defaultRatePerMinute == null || defaultRatePerMinute <= 0 ? null : defaultRatePerMinute;
            expiryPollInterval = expiryPollInterval == null ? Duration.ofMinutes(1) : expiryPollInterval;
            bureauDepartment = bureauDepartment == null || bureauDepartment.isBlank() ? "BDB" : bureauDepartment;
        }
    }
}
