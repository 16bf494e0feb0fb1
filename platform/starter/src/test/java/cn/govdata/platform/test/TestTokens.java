package cn.govdata.platform.test;

import cn.govdata.platform.security.Roles;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** Keycloak-shaped tokens for MockMvc: realm roles, department and region claims. */
public final class TestTokens {

    private TestTokens() {
    }

    public static JwtRequestPostProcessor user(String username, String department, String region, String... roles) {
        return jwt().jwt(j -> j.subject(username).claim("preferred_username", username).claim("azp", "govdata-portal")
                        .claim("department", department == null ? "" : department).claim("region", region)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(authorities(roles));
    }

    public static JwtRequestPostProcessor system(String clientId, String department, String region, String... roles) {
        return jwt().jwt(j -> j.subject("service-account-" + clientId).claim("preferred_username", "service-account-" + clientId)
                        .claim("azp", clientId).claim("department", department).claim("region", region)
                        .claim("realm_access", Map.of("roles", List.of(roles))))
                .authorities(authorities(roles));
    }

    private static List<GrantedAuthority> authorities(String... roles) {
        return Arrays.stream(roles).map(r -> (GrantedAuthority) new SimpleGrantedAuthority(Roles.authority(r))).toList();
    }
}
