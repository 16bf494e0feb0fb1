package cn.govdata.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    static final String ISSUER = "http://127.0.0.1:8180/realms/govdata";
    final Instant now = Instant.parse("2026-12-07T08:00:00Z");
    final MutableClock clock = new MutableClock(now);
    final List<String> verifiedByDelegate = new ArrayList<>();
    final AtomicBoolean testValidatorRefuses = new AtomicBoolean();

    /** Expiry (60 s skew, the default), issuer and audience as the gateway configures them, on the test's clock. */
    final OAuth2TokenValidator<Jwt> validator = validators();

    /**
     * Stands in for the Nimbus decoder: "bad…" tokens fail their signature; the others carry the
     * expiry their name gives in seconds from now ("token-a:300") and pass the same validators.
     */
    final ReactiveJwtDecoder delegate = token -> {
        verifiedByDelegate.add(token);
        if (token.startsWith("bad")) {
            return Mono.error(new BadJwtException("An error occurred while attempting to decode the Jwt: Signed JWT rejected"));
        }
        long seconds = Long.parseLong(token.substring(token.indexOf(':') + 1));
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").issuer(ISSUER).audience(List.of("govdata-api"))
                .subject("hrss-system").issuedAt(now.minusSeconds(10)).expiresAt(now.plusSeconds(seconds)).build();
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        return result.hasErrors()
                ? Mono.error(new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors()))
                : Mono.just(jwt);
    };

    VerifiedTokens tokens(Duration maxAge) {
        return new VerifiedTokens(delegate, validator, clock, maxAge, 100);
    }

    @Test
    void aTokenPresentedAgainIsVerifiedOnlyOnce() {
        var tokens = tokens(Duration.ofSeconds(60));

        Jwt first = tokens.decode("token-a:300").block();
        Jwt second = tokens.decode("token-a:300").block();

        assertThat(second).isSameAs(first);
        assertThat(verifiedByDelegate).containsExactly("token-a:300");
    }

    @Test
    void differentTokensAreVerifiedEachOnItsOwn() {
        var tokens = tokens(Duration.ofSeconds(60));

        Jwt a = tokens.decode("token-a:300").block();
        Jwt b = tokens.decode("token-b:300").block();
        tokens.decode("token-a:300").block();
        tokens.decode("token-b:300").block();

        assertThat(a.getTokenValue()).isEqualTo("token-a:300");
        assertThat(b.getTokenValue()).isEqualTo("token-b:300");
        assertThat(verifiedByDelegate).containsExactly("token-a:300", "token-b:300");
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void aTokenThatFailedVerificationIsNeverRemembered() {
        var tokens = tokens(Duration.ofSeconds(60));

        assertThatThrownBy(() -> tokens.decode("bad-signature:300").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-signature:300").block()).isInstanceOf(BadJwtException.class);

        assertThat(verifiedByDelegate).containsExactly("bad-signature:300", "bad-signature:300");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        var tokens = tokens(Duration.ofMinutes(10));
        tokens.decode("token-a:300").block();

        clock.instant = now.plusSeconds(300 + 61);

        assertThatThrownBy(() -> tokens.decode("token-a:300").block())
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
    }

    @Test
    void aRememberedTokenStillPassesTheValidatorsOnEveryUse() {
        var tokens = tokens(Duration.ofMinutes(10));
        tokens.decode("token-a:300").block();

        testValidatorRefuses.set(true);

        assertThatThrownBy(() -> tokens.decode("token-a:300").block())
                .isInstanceOf(JwtValidationException.class).hasMessage("refused by the test's validator");
        assertThat(verifiedByDelegate).as("refused from memory, not re-verified").containsExactly("token-a:300");
        assertThat(tokens.size()).as("and forgotten").isZero();
    }

    @Test
    void anEntryLivesNoLongerThanTheConfiguredMaximumAge() {
        var tokens = tokens(Duration.ofSeconds(60));
        tokens.decode("token-a:300").block();

        clock.instant = now.plusSeconds(59);
        tokens.decode("token-a:300").block();
        clock.instant = now.plusSeconds(61);
        tokens.decode("token-a:300").block();

        assertThat(verifiedByDelegate).containsExactly("token-a:300", "token-a:300");
    }

    @Test
    void anEntryLeavesWhenItsTokenExpiresIfThatIsSooner() {
        var tokens = tokens(Duration.ofMinutes(10));
        tokens.decode("token-a:30").block();

        clock.instant = now.plusSeconds(31);

        assertThat(tokens.size()).isZero();
        // Within the validators' 60 s clock skew the delegate still accepts it, as it would without the cache.
        tokens.decode("token-a:30").block();
        assertThat(verifiedByDelegate).containsExactly("token-a:30", "token-a:30");
    }

    @Test
    void noMoreTokensAreRememberedThanTheSizeLimitAllows() {
        var tokens = new VerifiedTokens(delegate, validator, clock, Duration.ofSeconds(60), 1);

        tokens.decode("token-a:300").block();
        tokens.decode("token-b:300").block();

        assertThat(tokens.size()).isEqualTo(1);
    }

    private OAuth2TokenValidator<Jwt> validators() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> test = jwt -> testValidatorRefuses.get()
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "refused by the test's validator", null))
                : OAuth2TokenValidatorResult.success();
        return JwtValidators.createDefaultWithValidators(timestamps, new JwtIssuerValidator(ISSUER),
                new JwtAudienceValidator("govdata-api"), test);
    }

    static final class MutableClock extends Clock {
        Instant instant;

        MutableClock(Instant instant) {
            this.instant = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
