package cn.govdata.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the built 工作台 console lies and what it needs to sign people in.
 *
 * @param directory the console's built files ({@code console/dist}); blank: the gateway serves no console (404)
 * @param authority the OpenID provider the browser signs in at; defaults to the issuer the gateway pins
 * @param clientId  the realm's public client for the console (authorization code + PKCE)
 */
@ConfigurationProperties("govdata.console")
public record ConsoleProperties(
        String directory,
        String authority,
        @DefaultValue("govdata-console") String clientId) {

    public boolean enabled() {
        return directory != null && !directory.isBlank();
    }
}
