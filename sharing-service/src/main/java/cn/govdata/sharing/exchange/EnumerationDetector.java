package cn.govdata.sharing.exchange;

import cn.govdata.events.exchange.ExchangeEvents;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises crawlers and self-service query tools (QZ 5.3) per client and resource within a
 * window: keys stepping through a numbering (ID numbers, licence numbers), too many different
 * records, or many lookups of keys that do not exist. A client that crosses a threshold is blocked
 * on the resource for {@code block-for}; the detection is reported once. State lives in each
 * replica's memory.
 */
@Component
class EnumerationDetector {

    private static final int RECENT = 8;

    enum Pattern {
        SEQUENTIAL_KEYS, DISTINCT_KEYS, NOT_FOUND
    }

    /** A threshold crossed just now: report it. */
    record Detection(Pattern pattern, int threshold, int observed, ExchangeEvents.Counts counts, Instant blockedUntil,
                     int windowSeconds) {
    }

    private static final class Window {
        long start;
        int calls;
        final Set<String> keys = new HashSet<>();
        int sequential;
        int notFound;
        final long[] recent = new long[RECENT];
        int recentCount;
        int recentNext;
        long blockedUntil;

        void reset(long now) {
            start = now;
            calls = 0;
            keys.clear();
            sequential = 0;
            notFound = 0;
            recentCount = 0;
            recentNext = 0;
        }

        ExchangeEvents.Counts counts() {
            return new ExchangeEvents.Counts(calls, keys.size(), sequential, notFound);
        }
    }

    private final ExchangeProperties.Enumeration settings;
    private final Cache<String, Window> windows;

    EnumerationDetector(ExchangeProperties properties) {
        this.settings = properties.enumeration();
        this.windows = Caffeine.newBuilder()
                .expireAfterAccess(settings.window().plus(settings.blockFor()).plusMinutes(1))
                .maximumSize(200_000).build();
    }

    /** Until when the client is blocked on the resource, if it is. */
    Optional<Instant> blockedUntil(String clientId, String resourceId, Instant now) {
        Window w = windows.getIfPresent(clientId + '\u0000' + resourceId);
        if (w == null) {
            return Optional.empty();
        }
        synchronized (w) {
            return w.blockedUntil > now.toEpochMilli() ? Optional.of(Instant.ofEpochMilli(w.blockedUntil)) : Optional.empty();
        }
    }

    /** Counts a call (and its key, for lookups by key); returns a detection when this call crossed a threshold. */
    Optional<Detection> call(String clientId, String resourceId, String key, Instant now) {
        Window w = window(clientId, resourceId);
        long t = now.toEpochMilli();
        synchronized (w) {
            roll(w, t);
            w.calls++;
            if (key == null) {
                return Optional.empty();
            }
            if (settings.maxDistinctKeys() > 0 && w.keys.size() <= settings.maxDistinctKeys()) {
                w.keys.add(key);
            }
            Long number = number(key);
            if (number != null) {
                for (int i = 0; i < w.recentCount; i++) {
                    long diff = Math.abs(w.recent[i] - number);
                    if (diff > 0 && diff <= settings.sequentialStep()) {
                        w.sequential++;
                        break;
                    }
                }
                w.recent[w.recentNext] = number;
                w.recentNext = (w.recentNext + 1) % RECENT;
                w.recentCount = Math.min(RECENT, w.recentCount + 1);
            }
            if (settings.maxSequentialSteps() > 0 && w.sequential > settings.maxSequentialSteps()) {
                return Optional.of(block(w, Pattern.SEQUENTIAL_KEYS, settings.maxSequentialSteps(), w.sequential, t));
            }
            if (settings.maxDistinctKeys() > 0 && w.keys.size() > settings.maxDistinctKeys()) {
                return Optional.of(block(w, Pattern.DISTINCT_KEYS, settings.maxDistinctKeys(), w.keys.size(), t));
            }
            return Optional.empty();
        }
    }

    /** Counts a lookup of a key the provider does not have. */
    Optional<Detection> notFound(String clientId, String resourceId, Instant now) {
        Window w = window(clientId, resourceId);
        long t = now.toEpochMilli();
        synchronized (w) {
            roll(w, t);
            w.notFound++;
            if (settings.maxNotFound() > 0 && w.notFound > settings.maxNotFound() && w.blockedUntil <= t) {
                return Optional.of(block(w, Pattern.NOT_FOUND, settings.maxNotFound(), w.notFound, t));
            }
            return Optional.empty();
        }
    }

    private Window window(String clientId, String resourceId) {
        return windows.get(clientId + '\u0000' + resourceId, k -> new Window());
    }

    private void roll(Window w, long t) {
        if (t - w.start >= settings.window().toMillis()) {
            w.reset(t);
        }
    }

    private Detection block(Window w, Pattern pattern, int threshold, int observed, long t) {
        w.blockedUntil = t + settings.blockFor().toMillis();
        Detection detection = new Detection(pattern, threshold, observed, w.counts(), Instant.ofEpochMilli(w.blockedUntil),
                (int) settings.window().toSeconds());
        // The counts start over after the block, so a well-behaved client is not blocked again at once.
        w.reset(t);
        return detection;
    }

    /** The key's number for step detection: its digits, ignoring a trailing check character (ID numbers end in X). */
    static Long number(String key) {
        StringBuilder digits = new StringBuilder(20);
        int end = key.length();
        if (end > 1 && !Character.isDigit(key.charAt(end - 1))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = key.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (digits.length() < 4) {
            return null;
        }
        // An 18-digit ID number's last digit is a checksum; what enumerates is what precedes it.
        String s = digits.length() >= 18 ? digits.substring(digits.length() - 18, digits.length() - 1) : digits.toString();
        if (s.length() > 18) {
            s = s.substring(s.length() - 18);
        }
        return Long.parseLong(s);
    }
}
