package cn.govdata.catalog.duty;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DutyProperties.class)
class DutyConfiguration {

    @Bean
    OutboxCollection dutiesOutbox() {
        return new OutboxCollection(DutyDocument.COLLECTION);
    }
}
