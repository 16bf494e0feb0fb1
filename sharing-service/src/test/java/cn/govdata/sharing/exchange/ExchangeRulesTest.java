package cn.govdata.sharing.exchange;

import cn.govdata.sharing.grant.GrantDefaults;
import cn.govdata.sharing.provider.ProviderCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeRulesTest {

    @Test
    void verificationComparesTrimmedHalfWidthCaseInsensitiveText() {
        assertThat(ExchangingData.normalized(" １１０１０１１９９００３０７１２３ｘ ")).isEqualTo("11010119900307123x");
        assertThat(ExchangingData.normalized("11010119900307123X")).isEqualTo("11010119900307123x");
        assertThat(ExchangingData.normalized("张三　")).isEqualTo("张三");
    }

    @Test
    void keyNumbersIgnoreTheCheckCharacterOfIdNumbers() {
        assertThat(EnumerationDetector.number("110101199003071234")).isEqualTo(11010119900307123L);
        assertThat(EnumerationDetector.number("11010119900307123X")).isEqualTo(11010119900307123L);
        assertThat(EnumerationDetector.number("91320100MA1234")).isEqualTo(913201001234L);
        assertThat(EnumerationDetector.number("ABC")).isNull();
    }

    @Test
    void keysSteppingThroughANumberingTripTheDetectorButScatteredKeysDoNot() {
        var detector = new EnumerationDetector(new ExchangeProperties(null, null, 0, null, 0, null, null,
                new ExchangeProperties.Enumeration(Duration.ofMinutes(1), 5, 0, -1, 0, Duration.ofMinutes(10)), null));
        Instant now = Instant.parse("2026-11-20T02:00:00Z");
        for (int i = 0; i < 50; i++) {
            assertThat(detector.call("scattered", "R", "3201" + (100_000 + i * 7919), now)).isEmpty();
        }
        int tripped = -1;
        for (int i = 0; i < 10 && tripped < 0; i++) {
            if (detector.call("crawler", "R", "3201" + (500_000 + i), now).isPresent()) {
                tripped = i;
            }
        }
        assertThat(tripped).isEqualTo(6);
        assertThat(detector.blockedUntil("crawler", "R", now)).contains(now.plus(Duration.ofMinutes(10)));
        assertThat(detector.blockedUntil("crawler", "R", now.plus(Duration.ofMinutes(11)))).isEmpty();
        assertThat(detector.blockedUntil("scattered", "R", now)).isEmpty();
    }

    @Test
    void theSlidingWindowRateLimitCountsThePreviousMinuteByItsOverlap() {
        var limits = new RateLimits(new GrantDefaults(600, 10_000));
        long minute = 60_000L * 1_000_000;
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryCall("g", 10, minute + 50_000).allowed()).isTrue();
        }
        assertThat(limits.tryCall("g", 10, minute + 59_000).allowed()).isFalse();
        // 30 s into the next minute half of the previous ten still count: five more calls fit.
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryCall("g", 10, minute + 90_000).allowed()).isTrue();
        }
        var refused = limits.tryCall("g", 10, minute + 90_000);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void providerCredentialsComeFromConfigurationByResourceId() {
        var environment = new MockEnvironment()
                .withProperty("govdata.exchange.provider-credentials[101001-PSB-000001]", "Bearer s3cr3t");
        var credentials = new ProviderCredentials(environment);

        assertThat(credentials.authorizationFor("101001-PSB-000001")).contains("Bearer s3cr3t");
        assertThat(credentials.configured("101001-PSB-000002")).isFalse();
    }

    @Test
    void theFastHeaderRuleAcceptsAndRefusesExactlyWhatSpringSecuritysRegexDoes() {
        var regex = java.util.regex.Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        for (int c = 0; c <= 0xFFFF; c++) {
            String value = "Bearer x" + (char) c + "y";
            assertThat(HeaderFirewall.assignedAndNotControl(value)).as("U+%04X", c).isEqualTo(regex.matcher(value).matches());
        }
        for (String value : List.of("", "张三", "\uD83D\uDE00", "a\tb", "a\u0085b", "\uDBFF\uDFFF", "\uD800")) {
            assertThat(HeaderFirewall.assignedAndNotControl(value)).as(value).isEqualTo(regex.matcher(value).matches());
        }
    }

    @Test
    void theFastBearerTokenResolverAnswersExactlyAsSpringsDefault() {
        var fast = new BearerTokens().bearerTokenResolver();
        var standard = new org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver();
        List<String> headers = new java.util.ArrayList<>(List.of("Bearer abc.DEF-123_~+/==", "bearer abc", "BEARER abc", "Bearer ",
                "Bearer  abc", "Bearer abc def", "Bearer a=b", "Bearer ===", "Bearer abc\t", "Bearer 张三", "Basic dXNlcjpwYXNz",
                "Bearerabc", "DPoP abc", "Bearer abc==", "Bearer ab%cd", " Bearer abc"));
        for (int c = 0; c < 0x100; c++) {
            headers.add("Bearer ab" + (char) c + "cd");
        }
        for (String header : headers) {
            for (String query : java.util.Arrays.asList(null, "a=1", "access_token=xyz")) {
                var request = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/exchange/R/records/1");
                request.addHeader("Authorization", header);
                request.setQueryString(query);
                if (query != null && query.startsWith("access_token")) {
                    request.addParameter("access_token", "xyz");
                }
                assertThat(outcome(() -> fast.resolve(request))).as("%s ? %s", header, query)
                        .isEqualTo(outcome(() -> standard.resolve(request)));
            }
        }
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ":" + e.getMessage();
        }
    }
}
