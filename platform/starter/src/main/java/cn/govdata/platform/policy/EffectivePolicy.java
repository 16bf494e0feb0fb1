package cn.govdata.platform.policy;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.JurisdictionProfiles;
import cn.govdata.policy.PolicyOverrideException;

import java.nio.file.Files;

/** Turns the properties into the profile and calendar the services run with, failing start-up on any mistake. */
final class EffectivePolicy {

    private EffectivePolicy() {
    }

    /** @throws InvalidPolicyException naming the property that is wrong */
    static JurisdictionProfile profile(PolicyProperties properties) {
        JurisdictionProfile base;
        try {
            base = JurisdictionProfiles.get(properties.jurisdiction());
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException("govdata.jurisdiction", e.getMessage(), e);
        }
        try {
            return JurisdictionProfiles.withOverrides(base, properties.policy().overrides());
        } catch (PolicyOverrideException e) {
            throw new InvalidPolicyException("govdata.policy.overrides." + e.key(), e.getMessage(), e);
        }
    }

    static WorkingDayCalendar calendar(PolicyProperties properties, CalendarCoverage coverage) {
        WorkingDayCalendar.Builder builder = WorkingDayCalendar.builder().uncoveredYearListener(coverage);
        var directory = properties.calendar().overrideDirectory();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidPolicyException("govdata.calendar.override-directory",
                        "'" + directory.toAbsolutePath() + "' is not a directory", null);
            }
            builder.overrideDirectory(directory);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new InvalidPolicyException("govdata.calendar.override-directory", e.getMessage(), e);
        }
    }

    /** A deployment's policy settings cannot be used; the message starts with the property to fix. */
    static final class InvalidPolicyException extends IllegalStateException {

        private final String property;

        InvalidPolicyException(String property, String problem, Throwable cause) {
            super("Invalid " + property + ": " + problem, cause);
            this.property = property;
        }

        String property() {
            return property;
        }
    }
}
