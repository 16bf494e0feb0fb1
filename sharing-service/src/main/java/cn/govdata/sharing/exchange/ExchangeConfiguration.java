package cn.govdata.sharing.exchange;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
class ExchangeConfiguration {

    /** Access records and their DataAccessed events, one document per written batch. */
    @Bean
    OutboxCollection accessLogOutbox() {
        return new OutboxCollection(AccessLog.COLLECTION);
    }

    /** AbnormalAccessDetected events, one document per detection. */
    @Bean
    OutboxCollection exchangeAlertsOutbox() {
        return new OutboxCollection(AbnormalAccess.COLLECTION);
    }
}
