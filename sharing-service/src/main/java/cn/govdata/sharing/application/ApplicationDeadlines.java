package cn.govdata.sharing.application;

import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import cn.govdata.policy.Source;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The statutory steps of an application, as the effective jurisdiction profile sets them: the
 * bureau's formality check (NT 21), the provider's decision (NT 22, SY 25, QY 24, NJ 22) and, where
 * regulated, the implementation after consent (QY 24). A step the profile only has a platform
 * default for is not imposed, except the provider's decision, which every application needs.
 */
@Component
class ApplicationDeadlines {

    static final String PROCESS = "share-application";
    static final String FORMALITY = "formality-check";
    static final String DECISION = "provider-decision";
    static final String IMPLEMENTATION = "implementation";

    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final ApplicationConfiguration.ApplicationProperties properties;

    ApplicationDeadlines(DeadlineRegistry deadlines, JurisdictionProfile profile,
                         ApplicationConfiguration.ApplicationProperties properties) {
        this.deadlines = deadlines;
        this.profile = profile;
        this.properties = properties;
    }

    boolean formalityCheckRequired() {
        return imposed(profile.applicationFormalityCheck());
    }

    /**
     * SY 25: silence is consent, for conditional resources; a not-shared resource is never granted by
     * silence, and silence never delivers items in clear (a CLEAR_ITEMS request stays undecided and overdue).
     */
    boolean silenceIsConsent(ShareApplication application) {
        return profile.conditionalShareSilenceIsConsent().value() && "CONDITIONAL".equals(application.shareType())
                && application.type() != ShareApplication.Type.CLEAR_ITEMS;
    }

    /** The article that makes silence consent, e.g. {@code SY 25}. */
    String silenceCitation() {
        Rule<Boolean> rule = profile.conditionalShareSilenceIsConsent();
        return rule.isRegulated() ? rule.citation() : "deployment override";
    }

    Deadline formalityCheck(ShareApplication application, Instant receivedAt) {
        return deadlines.register(DeadlineRequest.forStep(PROCESS, FORMALITY, application.id())
                .responsible(properties.bureauDepartment(), application.region())
                .within(receivedAt, RuleKey.APPLICATION_FORMALITY_CHECK)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofHours(4)));
    }

    Deadline decision(ShareApplication application, Instant receivedAt) {
        return deadlines.register(DeadlineRequest.forStep(PROCESS, DECISION, application.id())
                .responsible(application.providerDepartment(), application.region())
                .within(receivedAt, RuleKey.CONDITIONAL_SHARE_DECISION)
                .onExpiry(silenceIsConsent(application) ? ExpiryAction.AUTO_ACT : ExpiryAction.ESCALATE_TO_BUREAU)
                .remindBefore(Duration.ofDays(1)));
    }

    Optional<Deadline> implementation(ShareApplication application, Instant decidedAt) {
        if (!imposed(profile.conditionalShareImplementation())) {
            return Optional.empty();
        }
        return Optional.of(deadlines.register(DeadlineRequest.forStep(PROCESS, IMPLEMENTATION, application.id())
                .responsible(application.providerDepartment(), application.region())
                .within(decidedAt, RuleKey.CONDITIONAL_SHARE_IMPLEMENTATION)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(1))));
    }

    void completed(String step, String applicationId) {
        deadlines.complete(PROCESS, step, applicationId);
    }

    void cancelAll(String applicationId) {
        deadlines.cancel(PROCESS, FORMALITY, applicationId);
        deadlines.cancel(PROCESS, DECISION, applicationId);
    }

    private static boolean imposed(Rule<?> rule) {
        return rule.source() != Source.PLATFORM_DEFAULT;
    }
}
