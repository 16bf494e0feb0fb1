package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

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
    TrailExport trailExport(MongoTemplate mongo, JsonMapper json, Checkpoints checkpoints, Clock clock) {
        return new TrailExport(mongo, json, checkpoints, clock);
    }

    /** The public keys are public: witnesses fetch them without an account. */
    @Bean
    GovdataSecurityAutoConfiguration.AnonymousPaths auditPublicKeys() {
        return new GovdataSecurityAutoConfiguration.AnonymousPaths(List.of("/api/audit/keys"));
    }

    @Bean
    IntegrityMonitor integrityMonitor(ChainVerifier chainVerifier, ChainWriter chainWriter, MeterRegistry meters) {
        return new IntegrityMonitor(chainVerifier, chainWriter, meters);
    }
}
