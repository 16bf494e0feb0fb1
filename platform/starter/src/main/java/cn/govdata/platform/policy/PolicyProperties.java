package cn.govdata.platform.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which city's regulation this deployment runs under, and what it changes. Bound from the
 * {@code govdata} root because the keys predate this class: {@code govdata.jurisdiction},
 * {@code govdata.policy.overrides.<rule-key>} and {@code govdata.calendar.override-directory}.
 *
 * @param jurisdiction profile id from {@code cn.govdata.policy.JurisdictionProfiles}: nanjing, nantong,
 *                     shenyang, quanzhou or qingyuan
 * @param policy       single-value overrides, e.g. {@code govdata.policy.overrides.conditional-share-decision=7wd}
 * @param calendar     where operators drop next year's holiday notice ({@code cn-<year>.properties})
 */
@ConfigurationProperties("govdata")
public record PolicyProperties(@DefaultValue("nanjing") String jurisdiction, @DefaultValue Policy policy,
                               @DefaultValue Calendar calendar) {

    public record Policy(Map<String, String> overrides) {
        public Policy {
            overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        }
    }

    /** @param overrideDirectory optional; when set the directory must exist */
    public record Calendar(Path overrideDirectory) {
    }
}
