package cn.govdata.sharing.interfacerequest;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Role rules of interface requests (QZ 2.3), decided in the security chain before a body is read:
 * the bureau requests, forwards proposals and decides extensions; departments propose; the producing
 * department's officers answer (which department is checked in the desk); the technical service
 * unit (operator) records the publication.
 */
@Configuration(proxyBeanMethods = false)
class InterfaceRequestSecurity {

    private static final String BASE = "/api/sharing/interface-requests";

    @Bean
    RoleRestrictedPath interfaceRequestRaising() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE,
                List.of(Roles.BUREAU_REVIEWER, Roles.DEPT_CONSUMER, Roles.DEPT_DATA_OFFICER));
    }

    @Bean
    RoleRestrictedPath interfaceRequestForwarding() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE + "/*/forwarding", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath interfaceRequestExtensionDecision() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE + "/*/extension/decision", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath interfaceRequestExtension() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE + "/*/extension", List.of(Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER));
    }

    @Bean
    RoleRestrictedPath interfaceRequestDelivery() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE + "/*/delivery", List.of(Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER));
    }

    @Bean
    RoleRestrictedPath interfaceRequestPublication() {
        return new RoleRestrictedPath(HttpMethod.POST, BASE + "/*/publication", List.of(Roles.PLATFORM_OPERATOR));
    }
}
