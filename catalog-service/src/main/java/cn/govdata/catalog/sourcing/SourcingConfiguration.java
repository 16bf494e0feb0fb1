package cn.govdata.catalog.sourcing;

import cn.govdata.platform.outbox.OutboxCollection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourcingProperties.class)
class SourcingConfiguration {

    @Bean
    OutboxCollection sourceDesignationsOutbox() {
        return new OutboxCollection(DesignationDocument.COLLECTION);
    }

    /** Read once at start-up: a broken dictionary stops the service rather than silently grouping nothing. */
    @Bean
    ItemNames itemNames(SourcingProperties properties) {
        if (properties.synonymsFile() == null) {
            return ItemNames.shipped();
        }
        try {
            return ItemNames.parse(Files.readAllLines(properties.synonymsFile(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read govdata.catalog.sourcing.synonyms-file " + properties.synonymsFile(), e);
        }
    }
}
