package cn.govdata.catalog.sourcing;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Only the bureau designates a datum's collecting department (一数一源), decided in the security
 * chain: another caller is refused before its request body is validated, not told what a valid
 * designation looks like (the method-level check ran only after the body was bound).
 */
@Configuration(proxyBeanMethods = false)
class SourcingSecurity {

    @Bean
    GovdataSecurityAutoConfiguration.RoleRestrictedPath designationsForTheBureau() {
        return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.POST, "/api/catalog/sources/designations",
                List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    GovdataSecurityAutoConfiguration.RoleRestrictedPath redesignationsForTheBureau() {
        return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.PUT, "/api/catalog/sources/designations/*",
                List.of(Roles.BUREAU_REVIEWER));
    }
}
