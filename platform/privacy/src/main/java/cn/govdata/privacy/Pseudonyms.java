package cn.govdata.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Keyed pseudonyms of record keys, for events and anything else that leaves a service: the same
 * record of the same resource always gets the same pseudonym, so consumers can match on it, but
 * without the platform key nobody can compute it from a guessed ID number (an unkeyed hash of an
 * 18-digit ID number is reversed by trying the ~10^8 plausible values).
 *
 * <p>{@code pseudonym = "pk_" + hex(first 20 bytes of HMAC-SHA256(key, resourceId + U+0000 + recordKey))},
 * 160 bits. The resource id is part of the input so the same person has unrelated pseudonyms in
 * unrelated resources; U+0000 separates the two so ("a", "bc") and ("ab", "c") differ.
 */
public final class Pseudonyms {

    public static final String PREFIX = "pk_";
    /** Shorter keys are refused: HMAC-SHA256 is only as strong as its key. */
    public static final int MIN_KEY_BYTES = 32;
    private static final int BYTES = 20;

    private final SecretKeySpec key;

    public Pseudonyms(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must be at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** @param base64 the key as configured ({@code govdata.privacy.pseudonym-key}), standard base64 */
    public static Pseudonyms fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("no pseudonym key configured (govdata.privacy.pseudonym-key)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the pseudonym key is not base64", e);
        }
        return new Pseudonyms(bytes);
    }

    /** The pseudonym of {@code recordKey} in {@code resourceId}; both must be present. */
    public String of(String resourceId, String recordKey) {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(recordKey, "recordKey");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((resourceId + '\u0000' + recordKey).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code value} has the shape of a pseudonym (so it is never mistaken for a record key). */
    public static boolean isPseudonym(String value) {
        return value != null && value.length() == PREFIX.length() + 2 * BYTES && value.startsWith(PREFIX)
                && value.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
