package cn.govdata.sharing.exchange;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daily caps on verification (可用不可见 must not become an oracle): attempts per grant and record
 * key, and per grant. The record key is kept only as a digest (it is an ID number). Counted per
 * replica in memory, like the crawler rules; several replicas allow up to their number times the cap.
 */
@Component
class VerificationAttempts {

    /** Which cap a refused attempt hit, its limit and the attempts counted (this one included). */
    record Capped(String pattern, int limit, int observed) {
    }

    private final ExchangeProperties.Verification settings;
    private final Clock clock;
    private final Cache<String, AtomicInteger> counts = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(26))
            .maximumSize(500_000).build();

    VerificationAttempts(ExchangeProperties properties, Clock clock) {
        this.settings = properties.verification();
        this.clock = clock;
    }

    /** Counts an attempt; answers the cap it crossed, if any (then the attempt must not be answered). */
    Optional<Capped> attempt(String grantId, String key) {
        LocalDate day = LocalDate.now(clock);
        int perGrant = counts.get(day + "\u0000" + grantId, k -> new AtomicInteger()).incrementAndGet();
        if (perGrant > settings.maxAttemptsPerGrantPerDay()) {
            return Optional.of(new Capped("VERIFY_ATTEMPTS_PER_GRANT", settings.maxAttemptsPerGrantPerDay(), perGrant));
        }
        int perKey = counts.get(day + "\u0000" + grantId + "\u0000" + digest(key), k -> new AtomicInteger()).incrementAndGet();
        if (perKey > settings.maxAttemptsPerKeyPerDay()) {
            return Optional.of(new Capped("VERIFY_ATTEMPTS_PER_KEY", settings.maxAttemptsPerKeyPerDay(), perKey));
        }
        return Optional.empty();
    }

    /** Start of the next day, when the caps start over. */
    java.time.Instant resetsAt() {
        return LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
