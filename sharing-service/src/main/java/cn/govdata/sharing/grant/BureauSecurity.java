package cn.govdata.sharing.grant;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration.RoleRestrictedPath;
import cn.govdata.platform.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/**
 * The bureau's own steps (suspending a grant and lifting the suspension, QZ 5.10; reviewing a grant
 * the platform issued directly, NT 23; the formality check of an application, NT 21; deciding after
 * the provider's opinion, QZ 5.4; confirming its answer, NJ 22; referring a dispute, SY 28, QY 48) refused to
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

    /** QZ 5.4: the bureau decides after consulting the provider; NJ 22: it confirms the provider's answer. */
    @Bean
    RoleRestrictedPath bureauDecisionForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/bureau-decision", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath bureauConfirmationForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/bureau-confirmation", List.of(Roles.BUREAU_REVIEWER));
    }

    /** SY 28, QY 48: referring a dispute the bureau could not settle, and recording what the deciding body decided. */
    @Bean
    RoleRestrictedPath referralForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/referral", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath finalDecisionForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/final-decision", List.of(Roles.BUREAU_REVIEWER));
    }

    /** QZ 5.4: the provider's opinion is its approver's, as its decision is elsewhere. */
    @Bean
    RoleRestrictedPath providerOpinionForApprovers() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/applications/*/provider-opinion", List.of(Roles.DEPT_APPROVER));
    }

    /** NJ 22 ¶3: the bureau registers other units' requests, gives its opinion and records the city government's decision. */
    @Bean
    RoleRestrictedPath nonGovernmentRequestsForTheBureau() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/non-government-requests", List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath nonGovernmentBureauOpinion() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/non-government-requests/*/bureau-opinion",
                List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath nonGovernmentCityGovernmentDecision() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/non-government-requests/*/city-government-decision",
                List.of(Roles.BUREAU_REVIEWER));
    }

    @Bean
    RoleRestrictedPath nonGovernmentProviderOpinion() {
        return new RoleRestrictedPath(HttpMethod.POST, "/api/sharing/non-government-requests/*/provider-opinion",
                List.of(Roles.DEPT_APPROVER));
    }
}
