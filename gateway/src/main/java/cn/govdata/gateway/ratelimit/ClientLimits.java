package cn.govdata.gateway.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each client's limit: the configured default, or what an operator set for that client id (the
 * token's {@code azp}). Changes take effect on the client's next request and are written to
 * {@link ClientLimitFile} before they are answered, so a restarted gateway keeps them.
 */
final class ClientLimits {

    private static final Logger log = LoggerFactory.getLogger(ClientLimits.class);

    /** An operator's setting for one client. */
    record Override(String clientId, ClientLimit limit, Instant updatedAt, String updatedBy) {
    }

    private final ClientLimit defaultLimit;
    private final ClientLimitFile file;
    private final Clock clock;
    private final Map<String, Override> overrides = new ConcurrentHashMap<>();

    ClientLimits(ClientLimit defaultLimit, ClientLimitFile file, Clock clock) {
        this.defaultLimit = defaultLimit;
        this.file = file;
        this.clock = clock;
        file.load().forEach(o -> overrides.put(o.clientId(), o));
        if (!overrides.isEmpty()) {
            log.info("{} client rate limit(s) read from {}", overrides.size(), file.path());
        }
    }

    ClientLimit defaultLimit() {
        return defaultLimit;
    }

    /** The limit that applies to this client id now. */
    ClientLimit limitFor(String clientId) {
        Override override = overrides.get(clientId);
        return override == null ? defaultLimit : override.limit();
    }

    Optional<Override> overrideFor(String clientId) {
        return Optional.ofNullable(overrides.get(clientId));
    }

    List<Override> overrides() {
        return overrides.values().stream().sorted(Comparator.comparing(Override::clientId)).toList();
    }

    // Synchronized so that the file always holds the last change, not an older snapshot written later.
    synchronized Override set(String clientId, ClientLimit limit, String by) {
        Override override = new Override(clientId, limit, clock.instant(), by);
        Override previous = overrides.put(clientId, override);
        try {
            file.save(overrides());
        } catch (RuntimeException e) {
            restore(clientId, previous);
            throw e;
        }
        log.info("rate limit of client {} set to {}/s, burst {} by {}", clientId, limit.replenishRate(),
                limit.burstCapacity(), by);
        return override;
    }

    synchronized boolean reset(String clientId, String by) {
        Override previous = overrides.remove(clientId);
        if (previous == null) {
            return false;
        }
        try {
            file.save(overrides());
        } catch (RuntimeException e) {
            restore(clientId, previous);
            throw e;
        }
        log.info("rate limit of client {} back to the default by {}", clientId, by);
        return true;
    }

    private void restore(String clientId, Override previous) {
        if (previous == null) {
            overrides.remove(clientId);
        } else {
            overrides.put(clientId, previous);
        }
    }
}
