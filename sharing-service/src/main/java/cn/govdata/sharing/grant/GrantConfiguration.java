package cn.govdata.sharing.grant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;

/** Grant settings and the scheduler the expiry sweep runs on. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GrantConfiguration.GrantProperties.class)
class GrantConfiguration {

    /**
     * @param defaultDailyQuota    records per day a grant allows when the provider sets none (QZ 5.3: no crawlers)
     * @param defaultRatePerMinute calls per minute a grant allows when the provider sets none
     * @param expiryPollInterval   how often grants past their validity are marked expired
     * @param bureauDepartment     directory code of the data bureau, responsible for the NT 23 review deadline
     */
    @ConfigurationProperties("govdata.sharing.grants")
    record GrantProperties(Integer defaultDailyQuota, Integer defaultRatePerMinute, Duration expiryPollInterval,
                           String bureauDepartment) {

        GrantProperties {
            defaultDailyQuota = defaultDailyQuota == null || defaultDailyQuota <= 0 ? 10_000 : defaultDailyQuota;
            defaultRatePerMinute = defaultRatePerMinute == null || defaultRatePerMinute <= 0 ? 600 : defaultRatePerMinute;
            expiryPollInterval = expiryPollInterval == null ? Duration.ofMinutes(1) : expiryPollInterval;
            bureauDepartment = bureauDepartment == null || bureauDepartment.isBlank() ? "BDB" : bureauDepartment;
        }
    }
}
