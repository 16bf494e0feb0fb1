package cn.govdata.platform.security;

import cn.govdata.platform.problem.Problems;
import cn.govdata.platform.requestid.RequestIds;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Every service validates the Keycloak token itself (defence in depth behind the gateway): pinned
 * issuer, required audience, realm roles as authorities. Only health, metrics and the OpenAPI
 * document are open; 401 and 403 are problem bodies like every other error.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(GovdataSecurityProperties.class)
@EnableMethodSecurity
public class GovdataSecurityAutoConfiguration implements WebMvcConfigurer {

    /** Paths open without a token; each service may add its own anonymous paths through this bean. */
    public record AnonymousPaths(List<String> patterns) {
    }

    /**
     * A path only callers with one of these realm roles reach, decided in the security filter
     * chain: before the request body is read, so an upload by the wrong caller is refused without
     * its file ever being parsed or held in memory. Finer rules (own department, region) stay in
     * the use case.
     */
    public record RoleRestrictedPath(HttpMethod method, String pattern, List<String> roles) {
        public RoleRestrictedPath {
            roles = List.copyOf(roles);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(GovdataSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(properties.audience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                "The token is not meant for " + properties.audience(), null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()), audience));
        // The real clock, like the validator's: an operator-advanced service clock must not expire tokens.
        return new VerifiedTokens(decoder, Clock.systemUTC(), Duration.ofMinutes(5), 10_000);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain govdataSecurityFilterChain(HttpSecurity http, List<AnonymousPaths> extraAnonymous,
                                                   ObjectProvider<RoleRestrictedPath> restricted) throws Exception {
        String[] anonymous = extraAnonymous.stream().flatMap(a -> a.patterns().stream()).toArray(String[]::new);
        List<RoleRestrictedPath> roleRestricted = restricted.orderedStream().toList();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                    "/actuator/prometheus", "/v3/api-docs/**", "/error").permitAll()
                            .requestMatchers(anonymous.length == 0 ? new String[] {"/actuator/health"} : anonymous).permitAll();
                    for (RoleRestrictedPath path : roleRestricted) {
                        auth.requestMatchers(path.method(), path.pattern()).hasAnyRole(path.roles().toArray(String[]::new));
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerTokens()))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"govdata\"");
                            Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Authentication required", "A valid bearer token from the govdata realm is required"));
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "Your role or department does not allow this operation"))))
                .addFilterAfter(new CountyRegionFilter(), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer realm=\"govdata\"");
                            Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Authentication required", "A valid bearer token from the govdata realm is required"));
                        }));
        return http.build();
    }

    /**
     * The operator's own endpoints every service has (moving the demo clock, registering a demo
     * deadline) refused to everyone else in the chain, before the body is validated: the methods'
     * {@code @PreAuthorize} ran only after binding, so any caller was told what a valid body looks like.
     */
    @Bean
    @ConditionalOnProperty("govdata.api-base")
    RoleRestrictedPath clockForTheOperator(Environment environment) {
        return new RoleRestrictedPath(HttpMethod.POST, environment.getProperty("govdata.api-base") + "/time/advance",
                List.of(Roles.PLATFORM_OPERATOR));
    }

    @Bean
    @ConditionalOnProperty("govdata.api-base")
    RoleRestrictedPath deadlinesForTheOperator(Environment environment) {
        return new RoleRestrictedPath(HttpMethod.POST, environment.getProperty("govdata.api-base") + "/deadlines",
                List.of(Roles.PLATFORM_OPERATOR));
    }

    @Bean
    AnonymousPaths noExtraAnonymousPaths() {
        return new AnonymousPaths(List.of());
    }

    /** Runs before the security chain so even a 401 carries the request id. */
    @Bean
    FilterRegistrationBean<RequestIds> requestIdFilter() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
