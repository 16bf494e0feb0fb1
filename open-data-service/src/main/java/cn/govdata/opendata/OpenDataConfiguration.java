package cn.govdata.opendata;

import cn.govdata.platform.outbox.OutboxCollection;
import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * Anonymous GET access to the portal and public downloads (NJ 26, SY 33: no application needed for
 * unconditional data), and the collections whose documents carry outbox events.
 */
@Configuration(proxyBeanMethods = false)
class OpenDataConfiguration {

    @Bean
    GovdataSecurityAutoConfiguration.AnonymousPaths openDataPublicPaths() {
        // Every controller mapped under /public/** is GET-only: the starter permits all methods here.
        return new GovdataSecurityAutoConfiguration.AnonymousPaths(List.of("/api/open-data/public/**"));
    }

    @Bean
    OutboxCollection listingsOutbox() {
        return new OutboxCollection("open_listings");
    }

    @Bean
    OutboxCollection applicationsOutbox() {
        return new OutboxCollection("open_applications");
    }

    @Bean
    OutboxCollection selectionRoundsOutbox() {
        return new OutboxCollection("selection_rounds");
    }

    @Bean
    OutboxCollection plansOutbox() {
        return new OutboxCollection("open_plans");
    }
}
