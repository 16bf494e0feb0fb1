package cn.govdata.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    final Instant now = Instant.parse("2026-11-21T08:00:00Z");
    final List<String> verifiedByDelegate = new ArrayList<>();

    JwtDecoder delegate(Instant expiresAt) {
        return token -> {
            verifiedByDelegate.add(token);
            if (token.startsWith("bad")) {
                throw new BadJwtException("signature does not match");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("hrss-system")
                    .issuedAt(now.minusSeconds(600)).expiresAt(expiresAt).build();
        };
    }

    @Test
    void aTokenVerifiedOnceIsAnsweredFromMemoryUntilItExpires() {
        var clock = new MutableClock(now);
        var tokens = new VerifiedTokens(delegate(now.plusSeconds(300)), clock, Duration.ofMinutes(5), 100);

        Jwt first = tokens.decode("token-a");
        assertThat(tokens.decode("token-a")).isSameAs(first);
        assertThat(verifiedByDelegate).containsExactly("token-a");

        tokens.decode("token-b");
        assertThat(verifiedByDelegate).containsExactly("token-a", "token-b");

        clock.instant = now.plusSeconds(301);
        tokens.decode("token-a");
        assertThat(verifiedByDelegate).as("an expired token goes back to the real check")
                .containsExactly("token-a", "token-b", "token-a");
    }

    @Test
    void aRejectedTokenIsNeverRemembered() {
        var tokens = new VerifiedTokens(delegate(now.plusSeconds(300)), new MutableClock(now), Duration.ofMinutes(5), 100);

        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThat(verifiedByDelegate).containsExactly("bad-token", "bad-token");
    }

    @Test
    void aTokenTheDelegateAcceptedWithinItsClockSkewAfterExpiryIsNotRemembered() {
        var tokens = new VerifiedTokens(delegate(now.minusSeconds(30)), new MutableClock(now), Duration.ofMinutes(5), 100);

        tokens.decode("token-a");
        tokens.decode("token-a");
        assertThat(verifiedByDelegate).containsExactly("token-a", "token-a");
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
