package cn.govdata.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token validation settings, the same keys the services read. The issuer is pinned rather than
 * discovered, so a token minted for another host name or realm is refused; keys come from the JWK
 * set URI on first use, so the gateway starts while Keycloak is still booting.
 *
 * @param jwkSetUri defaults to the issuer's Keycloak certs endpoint
 */
@ConfigurationProperties("govdata.security")
record GatewaySecurityProperties(
        @DefaultValue("http://127.0.0.1:8180/realms/govdata") String issuer,
        String jwkSetUri,
        @DefaultValue("govdata-api") String audience) {

    GatewaySecurityProperties {
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuer + "/protocol/openid-connect/certs";
        }
    }
}
