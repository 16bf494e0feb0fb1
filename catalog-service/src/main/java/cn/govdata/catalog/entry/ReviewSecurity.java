package cn.govdata.catalog.entry;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * The bureau's own steps (reviewing an entry, deciding a withdrawal, opening the annual census),
 * refused to everyone else in the security chain: before the request body is validated, so another
 * caller learns nothing about what a valid decision looks like. The use cases check it again.
 */
@Configuration(proxyBeanMethods = false)
class ReviewSecurity {

    @Bean
    RoleRestrictedPath reviewStartForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/catalog/entries/*/review/start", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath reviewForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/catalog/entries/*/review", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath withdrawalDecisionForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/catalog/entries/*/withdrawal/decision", List.of(Roles.BUREAU_REVIEWER));
    }

    /** The list of filings (SY 23, NT 8): supervisors only. */
    @Bean
    RoleRestrictedPath filingsForSupervisors() {
        return new RoleRestrictedPath(HttpMethod.GET, "/api/catalog/filings", List.of(Roles.BUREAU_REVIEWER,
                Roles.PLATFORM_OPERATOR, Roles.AUDITOR));
    }

    @Bean
    RoleRestrictedPath censusForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/catalog/census/*", List.of(Roles.BUREAU_REVIEWER));
    }
}
