package cn.govdata.audit.archive;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * Archiving is for operators, decided in the security chain: a caller without the role is refused
 * before its parameters are read, not told which one is missing (the controller's own check ran
 * after parameter binding).
 */
@Configuration(proxyBeanMethods = false)
class ArchiveSecurity {

    @Bean
    GovdataSecurityAutoConfiguration.RoleRestrictedPath archiveForOperators() {
        return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.POST, "/api/audit/archive",
                List.of(Roles.PLATFORM_OPERATOR));
    }
}
