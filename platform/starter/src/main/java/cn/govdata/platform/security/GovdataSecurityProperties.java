package cn.govdata.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token validation settings. The issuer is pinned rather than discovered so a token minted for
 * another host name or realm is refused; keys come from the JWK set URI, fetched on first use so a
 * service starts even while Keycloak is still booting.
 */
@ConfigurationProperties("govdata.security")
public record GovdataSecurityProperties(String issuer, String jwkSetUri, String audience) {

    public GovdataSecurityProperties {
        if (issuer == null || issuer.isBlank()) {
            issuer = "http://127.0.0.1:8180/realms/govdata";
        }
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuer + "/protocol/openid-connect/certs";
        }
        if (audience == null || audience.isBlank()) {
            audience = "govdata-api";
        }
    }
}
