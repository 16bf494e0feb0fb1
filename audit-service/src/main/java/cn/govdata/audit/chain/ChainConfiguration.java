package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ChainConfiguration {

    @Bean
    SigningKey checkpointSigningKey(AuditProperties properties, Environment environment) {
        return SigningKey.from(properties, environment);
    }

    @Bean
    Checkpoints checkpoints(MongoTemplate mongo, SigningKey checkpointSigningKey) {
        return new Checkpoints(mongo, checkpointSigningKey);
    }

    @Bean
    ChainWriter chainWriter(MongoTemplate mongo, JsonMapper json, Clock clock, Checkpoints checkpoints,
                            AuditProperties properties, MeterRegistry meters) {
        Blocks.ensureIndexes(mongo);
        return new ChainWriter(mongo, json, clock, checkpoints, properties, meters);
    }

    @Bean
    ChainVerifier chainVerifier(MongoTemplate mongo, JsonMapper json, Checkpoints checkpoints, Clock clock) {
        return new ChainVerifier(mongo, json, checkpoints, clock);
    }

    @Bean
    IntegrityMonitor integrityMonitor(ChainVerifier chainVerifier, ChainWriter chainWriter, MeterRegistry meters) {
        return new IntegrityMonitor(chainVerifier, chainWriter, meters);
    }
}
