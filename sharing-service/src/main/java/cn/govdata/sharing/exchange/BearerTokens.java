package cn.govdata.sharing.exchange;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer-token resolver, with its common case answered without a regular
 * expression. The default matches the whole {@code Authorization} header against a
 * case-insensitive pattern character by character; with Keycloak-sized tokens that was over a third
 * of the request thread's CPU on the exchange's hot path (sharing-service/bench, JFR). A header that
 * is a well-formed {@code Bearer <token68>} on a request that cannot carry a token elsewhere yields
 * that token here; every other request (malformed header, {@code access_token} in the query or a
 * form body) goes to the default resolver, so errors and edge cases stay exactly Spring's.
 */
@Configuration(proxyBeanMethods = false)
class BearerTokens {

    private static final String PREFIX = "Bearer ";

    @Bean
    BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
        return request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && wellFormed(header) && noOtherTokenSource(request)) {
                return header.substring(PREFIX.length());
            }
            return standard.resolve(request);
        };
    }

    /** {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive, as Spring's pattern. */
    static boolean wellFormed(String header) {
        int length = header.length();
        if (length <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        int i = PREFIX.length();
        int tokenStart = i;
        while (i < length && token68(header.charAt(i))) {
            i++;
        }
        if (i == tokenStart) {
            return false;
        }
        while (i < length && header.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean token68(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static boolean noOtherTokenSource(HttpServletRequest request) {
        String query = request.getQueryString();
        return (query == null || !query.contains("access_token"))
                && !"application/x-www-form-urlencoded".equals(request.getContentType());
    }
}
