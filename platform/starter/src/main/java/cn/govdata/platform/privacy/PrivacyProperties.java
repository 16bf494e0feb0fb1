package cn.govdata.platform.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pseudonymKey the platform key for pseudonyms of record keys ({@code govdata.privacy.pseudonym-key}):
 *                     a secret of at least 32 bytes, base64. Every service that publishes or matches
 *                     record pseudonyms must have the same key; there is no built-in default, so a
 *                     service without one does not start (the local runner passes a demo key).
 */
@ConfigurationProperties("govdata.privacy")
public record PrivacyProperties(String pseudonymKey) {
}
