package cn.govdata.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's token bucket: {@code replenishRate} requests a second sustained, bursts up to
 * {@code burstCapacity}, each request costing {@code requestedTokens}.
 */
record ClientLimit(int replenishRate, int burstCapacity, int requestedTokens) {

    /** Far above anything a partner system needs; keeps a typo from switching the limit off. */
    static final int MAX_RATE = 100_000;

    record FieldError(String field, String message) {
    }

    ClientLimit {
        List<FieldError> errors = check(replenishRate, burstCapacity, requestedTokens);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid rate limit: " + errors);
        }
    }

    /** What is wrong with these values, field by field; empty when they make a limit. */
    static List<FieldError> check(Integer replenishRate, Integer burstCapacity, Integer requestedTokens) {
        List<FieldError> errors = new ArrayList<>();
        if (replenishRate == null) {
            errors.add(new FieldError("replenishRate", "is required"));
        } else if (replenishRate < 1 || replenishRate > MAX_RATE) {
            errors.add(new FieldError("replenishRate", "must be between 1 and " + MAX_RATE));
        }
        int tokens = requestedTokens == null ? 1 : requestedTokens;
        if (tokens < 1 || tokens > MAX_RATE) {
            errors.add(new FieldError("requestedTokens", "must be between 1 and " + MAX_RATE));
        }
        if (burstCapacity == null) {
            errors.add(new FieldError("burstCapacity", "is required"));
        } else if (burstCapacity > 2 * MAX_RATE) {
            errors.add(new FieldError("burstCapacity", "must be at most " + 2 * MAX_RATE));
        } else if (replenishRate != null && burstCapacity < Math.max(replenishRate, tokens)) {
            errors.add(new FieldError("burstCapacity", "must be at least replenishRate and requestedTokens"));
        }
        return errors;
    }

    /** Seconds until a refused client can be served again, at worst. */
    long worstRetryAfterSeconds() {
        return Math.max(1, (long) Math.ceil((double) requestedTokens / replenishRate));
    }
}
