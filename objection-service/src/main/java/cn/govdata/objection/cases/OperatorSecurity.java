package cn.govdata.objection.cases;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * The objection desk's own steps (routing, closing, marking a record disputed) refused to everyone
 * but the platform operator in the security chain, before the body is validated; the controller's
 * {@code @PreAuthorize} only ran after the body was bound, so a citizen was told what a valid
 * routing looks like (400) instead of 403.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurity {

    @Bean
    RoleRestrictedPath routingForTheOperator() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/objections/cases/*/route", List.of(Roles.PLATFORM_OPERATOR));
    }

    @Bean
    RoleRestrictedPath closingForTheOperator() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/objections/cases/*/close", List.of(Roles.PLATFORM_OPERATOR));
    }

    @Bean
    RoleRestrictedPath markingForTheOperator() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/objections/cases/*/mark-disputed", List.of(Roles.PLATFORM_OPERATOR));
    }
}
