package cn.govdata.catalog.department;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Only the bureau registers departments, decided in the security chain: anyone else is refused
 * before the body is validated, rather than told what a valid registration looks like.
 */
@Configuration(proxyBeanMethods = false)
class DepartmentSecurity {

    @Bean
    GovdataSecurityAutoConfiguration.RoleRestrictedPath departmentRegistrationForTheBureau() {
        return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.POST, "/api/catalog/departments",
                List.of(Roles.BUREAU_REVIEWER));
    }
}
