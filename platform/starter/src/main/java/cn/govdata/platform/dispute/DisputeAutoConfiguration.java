package cn.govdata.platform.dispute;

import cn.govdata.platform.config.GovdataPlatformAutoConfiguration;
import cn.govdata.platform.inbox.IdempotentConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Follows dispute events only in services that keep disputed records (a {@link DisputedRecordSink} bean). */
@AutoConfiguration(after = GovdataPlatformAutoConfiguration.class)
@ConditionalOnBean(DisputedRecordSink.class)
public class DisputeAutoConfiguration {

    @Bean
    DisputeFollower disputeFollower(DisputedRecordSink sink, IdempotentConsumer consumer, JsonMapper json,
                                    @Value("${spring.application.name}") String applicationName) {
        return new DisputeFollower(sink, consumer, json, applicationName);
    }
}
