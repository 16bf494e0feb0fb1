package cn.govdata.catalog.entry;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The entries outbox, and the withdrawal settings (SY 27 notice). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WithdrawalProperties.class, BureauProperties.class})
class EntryOutbox {

    @Bean
    OutboxCollection entriesOutbox() {
        return new OutboxCollection(EntryDocument.COLLECTION);
    }
}
