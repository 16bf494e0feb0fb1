package cn.govdata.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps a Keycloak access token to Spring authorities and to a {@link Caller}. */
final class CallerTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = realmRoles(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(role)))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    static Caller caller(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        // Keycloak names service-account users "service-account-<client>"; those are systems, not people.
        if (username != null && username.startsWith("service-account-")) {
            username = null;
        }
        return new Caller(jwt.getSubject(), username, jwt.getClaimAsString("azp"),
                jwt.getClaimAsString("department"), jwt.getClaimAsString("region"), realmRoles(jwt));
    }

    static Set<String> realmRoles(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
