package cn.govdata.sharing.exchange;

import cn.govdata.sharing.grant.Grant;
import cn.govdata.sharing.grant.GrantDefaults;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Calls per minute per grant (QZ 5.3), as a sliding window: the previous minute's count weighs in
 * by the share of it still inside the last 60 seconds, so a burst straddling a minute boundary is
 * not let through twice. Counted per replica; several replicas together allow up to their number
 * times the rate (the gateway's rate limiter bounds the total).
 */
@Component
class RateLimits {

    private static final long MINUTE = 60_000;

    /** Whether the call may proceed; otherwise how long until it could. */
    record Verdict(boolean allowed, Duration retryAfter, int observed) {
    }

    private static final class Window {
        long minute;
        int current;
        int previous;
    }

    private final Cache<String, Window> windows = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(3))
            .maximumSize(200_000).build();

    private final GrantDefaults defaults;

    RateLimits(GrantDefaults defaults) {
        this.defaults = defaults;
    }

    /** The grant's calls per minute; grants stored without one get {@code govdata.sharing.grants.default-rate-per-minute}. */
    int perMinute(Grant grant) {
        return defaults.ratePerMinute(grant);
    }

    /** The grant's records per day; grants stored without one get {@code govdata.sharing.grants.default-daily-quota}. */
    int dailyQuota(Grant grant) {
        return defaults.dailyQuota(grant);
    }

    Verdict tryCall(String grantId, int perMinute, long nowMillis) {
        Window w = windows.get(grantId, k -> new Window());
        synchronized (w) {
            long minute = nowMillis / MINUTE;
            if (minute != w.minute) {
                w.previous = minute == w.minute + 1 ? w.current : 0;
                w.current = 0;
                w.minute = minute;
            }
            double elapsed = (nowMillis % MINUTE) / (double) MINUTE;
            double weighted = w.previous * (1 - elapsed) + w.current;
            if (weighted + 1 > perMinute) {
                // When enough of the previous minute has slid out, or the next minute starts.
                long wait = w.previous > 0 && w.current < perMinute
                        ? (long) Math.ceil((weighted + 1 - perMinute) / w.previous * MINUTE)
                        : MINUTE - nowMillis % MINUTE;
                return new Verdict(false, Duration.ofMillis(Math.max(1_000, Math.min(wait, MINUTE))), (int) Math.ceil(weighted));
            }
            w.current++;
            return new Verdict(true, Duration.ZERO, (int) Math.ceil(weighted + 1));
        }
    }
}
