package cn.govdata.sharing.grant;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * The bureau's own steps (suspending a grant and lifting the suspension, QZ 5.10; reviewing a grant
 * the platform issued directly, NT 23; the formality check of an application, NT 21) refused to
 * everyone else in the security chain, before the request body is validated. The use cases check
 * it again.
 */
@Configuration(proxyBeanMethods = false)
class BureauSecurity {

    @Bean
    RoleRestrictedPath suspensionForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/grants/*/suspension", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath reinstatementForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.DELETE, "/api/sharing/grants/*/suspension", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath platformReviewForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/grants/*/platform-review", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath formalityCheckForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/formality-check", List.of(Roles.BUREAU_REVIEWER));
    }
}
