package cn.govdata.platform.privacy;

import cn.govdata.privacy.Pseudonyms;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The platform's keyed pseudonyms of record keys ({@link Pseudonyms}), from
 * {@code govdata.privacy.pseudonym-key}. A missing, non-base64 or short key stops the start-up:
 * a service that silently made up its own key would publish pseudonyms nobody else can match.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyAutoConfiguration {

    @Bean
    Pseudonyms recordPseudonyms(PrivacyProperties properties) {
        try {
            return Pseudonyms.fromBase64(properties.pseudonymKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("govdata.privacy.pseudonym-key (env GOVDATA_PRIVACY_PSEUDONYM_KEY) must be a base64 "
                    + "secret of at least " + Pseudonyms.MIN_KEY_BYTES + " bytes, the same in every service: " + e.getMessage(), e);
        }
    }
}
