package cn.govdata.catalog.entry;

import cn.govdata.policy.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param minimumNotice how far ahead of its effective date a withdrawal is filed under the
 *                      {@code prior-filing} withdrawal control, as a period ({@code 5wd}, {@code 10d},
 *                      {@code 1m}). SY 27 says 提前 (beforehand) without a period; the platform asks
 *                      for five working days, so subscribers have a working week to prepare. Default {@code 5wd}.
 */
@ConfigurationProperties("govdata.catalog.withdrawal")
record WithdrawalProperties(String minimumNotice) {

    static final String DEFAULT_NOTICE = "5wd";

    WithdrawalProperties {
        minimumNotice = minimumNotice == null || minimumNotice.isBlank() ? DEFAULT_NOTICE : minimumNotice.strip();
        // Fails the start-up on a malformed value rather than the first filing.
        Period.parse(minimumNotice);
    }

    Period notice() {
        return Period.parse(minimumNotice);
    }
}
