package cn.govdata.audit.incident;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * The register's role rules, decided in the security chain before a body is read: government
 * readers see it (their department's part, oversight all); data officers, the bureau and operators
 * write; citizens, companies and county sub-platforms are refused.
 */
@Configuration(proxyBeanMethods = false)
class IncidentSecurity {

    static final List<String> READERS = List.of(Roles.AUDITOR, Roles.BUREAU_REVIEWER, Roles.PLATFORM_OPERATOR,
            Roles.DEPT_DATA_OFFICER, Roles.DEPT_APPROVER, Roles.DEPT_CONSUMER);
    static final List<String> WRITERS = List.of(Roles.DEPT_DATA_OFFICER, Roles.BUREAU_REVIEWER, Roles.PLATFORM_OPERATOR);

    @Bean
    RoleRestrictedPath incidentsRead() {
        return new RoleRestrictedPath(HttpMethod.GET, "/api/audit/incidents/**", READERS);
    }

    @Bean
    RoleRestrictedPath incidentsList() {
        return new RoleRestrictedPath(HttpMethod.GET, "/api/audit/incidents", READERS);
    }

    @Bean
    RoleRestrictedPath incidentsReport() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/audit/incidents", WRITERS);
    }

    @Bean
    RoleRestrictedPath incidentsFromWarning() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/audit/incidents/from-warning",
                List.of(Roles.BUREAU_REVIEWER, Roles.PLATFORM_OPERATOR));
    }

    @Bean
    RoleRestrictedPath incidentsChange() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/audit/incidents/*/*", WRITERS);
    }
}
