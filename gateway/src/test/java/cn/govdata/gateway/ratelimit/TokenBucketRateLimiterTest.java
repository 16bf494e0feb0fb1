package cn.govdata.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter.Response;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(
            TokenBucketRateLimiter.Config.of(2, 4, 1), null, now::get);

    @Test
    void aNewClientMayBurstUpToTheCapacityThenIsRefused() {
        for (int i = 0; i < 4; i++) {
            assertThat(ask("county-a").isAllowed()).isTrue();
        }

        Response refused = ask("county-a");

        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders()).containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Burst-Capacity", "4")
                .containsEntry("X-RateLimit-Replenish-Rate", "2");
    }

    @Test
    void aRefusalSaysHowManyWholeSecondsUntilTheNextToken() {
        drain("county-a", 4);
        advance(Duration.ofMillis(100));

        assertThat(ask("county-a").getHeaders()).containsEntry("Retry-After", "1");
    }

    @Test
    void tokensComeBackAtTheReplenishRate() {
        drain("county-a", 4);

        advance(Duration.ofMillis(1_000));

        assertThat(ask("county-a").isAllowed()).isTrue();
        assertThat(ask("county-a").isAllowed()).isTrue();
        assertThat(ask("county-a").isAllowed()).isFalse();
    }

    @Test
    void anIdleBucketNeverHoldsMoreThanTheBurstCapacity() {
        drain("county-a", 4);

        advance(Duration.ofHours(1));

        assertThat(ask("county-a").getHeaders()).containsEntry("X-RateLimit-Remaining", "3");
    }

    @Test
    void eachClientAndRouteHasItsOwnBucket() {
        drain("county-a", 4);

        assertThat(ask("county-b").isAllowed()).isTrue();
        assertThat(limiter.isAllowed("sharing", "county-a").block().isAllowed()).isTrue();
        assertThat(ask("county-a").isAllowed()).isFalse();
    }

    @Test
    void clientsThatWentQuietAreForgottenOnceThereAreMany() {
        for (int i = 0; i <= TokenBucketRateLimiter.SWEEP_ABOVE; i++) {
            ask("county-" + i);
        }
        drain("busy-county", 4);

        advance(Duration.ofMillis(500));
        ask("newcomer");

        assertThat(limiter.bucketCount()).isEqualTo(2);
        assertThat(ask("busy-county").isAllowed()).isTrue();
        assertThat(ask("busy-county").isAllowed()).isFalse();
    }

    private void drain(String client, int times) {
        for (int i = 0; i < times; i++) {
            ask(client);
        }
    }

    private Response ask(String client) {
        return limiter.isAllowed("catalog", client).block();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
