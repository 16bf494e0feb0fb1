package cn.govdata.objection.cases;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Role rules decided in the security chain, before the body is validated: the controller's
 * {@code @PreAuthorize} only ran after the body was bound, so a caller without the role was told
 * what a valid body looks like (400) instead of 403. The objection desk's own steps (routing,
 * closing, marking a record disputed) are the platform operator's; objections are filed by the
 * public and by departments' consumers.
 */
@Configuration(proxyBeanMethods = false)
class CaseSecurity {

    @Bean
    RoleRestrictedPath filingForObjectors() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/objections/cases", List.of(Roles.PUBLIC_APPLICANT, Roles.DEPT_CONSUMER));
    }

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
