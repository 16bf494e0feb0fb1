package cn.govdata.platform.directory;

import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.inbox.IdempotentConsumer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service except the directory's owner keeps a read copy of it; the catalog-service turns
 * this off with {@code govdata.directory.replica.enabled=false}.
 */
@AutoConfiguration(after = GovdataPlatformAutoConfiguration.class)
@ConditionalOnProperty(name = "govdata.directory.replica.enabled", havingValue = "true", matchIfMissing = true)
public class DirectoryAutoConfiguration {

    @Bean
    DepartmentDirectory departmentDirectory(MongoTemplate mongo) {
        return new DepartmentDirectory(mongo);
    }

    @Bean
    DirectoryReplica directoryReplica(DepartmentDirectory directory, IdempotentConsumer consumer, JsonMapper json) {
        return new DirectoryReplica(directory, consumer, json);
    }

    @Bean
    DirectoryController directoryController(DepartmentDirectory directory) {
        return new DirectoryController(directory);
    }
}
