package cn.govdata.catalog.entry;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EntryOutbox {

    @Bean
    OutboxCollection entriesOutbox() {
        return new OutboxCollection(EntryDocument.COLLECTION);
    }
}
