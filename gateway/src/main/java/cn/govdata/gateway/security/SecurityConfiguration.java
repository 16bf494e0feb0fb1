package cn.govdata.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import java.time.Clock;

/**
 * The gateway turns away requests without a valid token before they cost a service anything. The
 * services validate the same token again (the Authorization header passes through unchanged), so a
 * request that reaches a service some other way is still checked.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewaySecurityProperties properties, JwtCacheProperties cache) {
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()));
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        decoder.setJwtValidator(validator);
        // The validators' own clock (the system's), so a remembered token expires when a fresh one would.
        return new VerifiedTokens(decoder, validator, Clock.systemUTC(), cache.maxAge(), cache.maxSize());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // Tokens on every request, no sessions: nothing to store between requests.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**").permitAll()
                        // The 工作台 console's built files (no data in them; its API calls carry the user's token).
                        .pathMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        // Anonymous open-data downloads.
                        .pathMatchers(HttpMethod.GET, "/api/open-data/public/**").permitAll()
                        // The audit office's public keys: outside witnesses check checkpoints with them.
                        .pathMatchers(HttpMethod.GET, "/api/audit/keys").permitAll()
                        // A service's actuator is never reachable through the gateway, whatever its path.
                        .pathMatchers("/api/*/actuator", "/api/*/actuator/**").denyAll()
                        // What the gateway answers itself: per-client rate limits, for operators only.
                        .pathMatchers("/api/gateway/**").hasRole(RealmRoles.PLATFORM_OPERATOR)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RealmRoles());
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
