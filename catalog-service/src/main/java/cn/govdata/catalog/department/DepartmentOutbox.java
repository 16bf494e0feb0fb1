package cn.govdata.catalog.department;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DepartmentOutbox {

    @Bean
    OutboxCollection departmentsOutbox() {
        return new OutboxCollection(DepartmentDocument.COLLECTION);
    }
}
