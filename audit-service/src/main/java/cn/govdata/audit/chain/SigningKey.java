package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HMAC-SHA256 key that signs chain checkpoints. Whoever can write the audit database but does
 * not hold this key can rewrite records and even recompute their hashes, but cannot produce a
 * checkpoint that verifies. Checkpoints name the key by {@code keyId} (a hash prefix, not the key),
 * so a rotated deployment still verifies older checkpoints with {@code previous-signing-keys}.
 *
 * <p>Without a configured key a development instance signs with a random key that lives as long as
 * the process; its checkpoints are marked ephemeral. Under a prod/production profile start-up fails.
 */
public final class SigningKey {

    static final Profiles PRODUCTION = Profiles.of("prod | production");

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final int MIN_BYTES = 32;

    private final byte[] key;
    private final String keyId;
    private final boolean ephemeral;
    private final Map<String, byte[]> known = new LinkedHashMap<>();

    SigningKey(byte[] key, boolean ephemeral, Iterable<byte[]> previous) {
        this.key = key.clone();
        this.keyId = keyId(key);
        this.ephemeral = ephemeral;
        known.put(keyId, this.key);
        previous.forEach(p -> known.putIfAbsent(keyId(p), p.clone()));
    }

    public static SigningKey from(AuditProperties properties, Environment environment) {
        var previous = properties.previousSigningKeys().stream()
                .map(k -> decode(k, "govdata.audit.previous-signing-keys")).toList();
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return new SigningKey(decode(properties.signingKey(), "govdata.audit.signing-key"), false, previous);
        }
        if (properties.signingKeyFile() != null && !properties.signingKeyFile().toString().isBlank()) {
            try {
                String text = Files.readString(properties.signingKeyFile(), StandardCharsets.US_ASCII).strip();
                return new SigningKey(decode(text, "govdata.audit.signing-key-file (" + properties.signingKeyFile() + ")"),
                        false, previous);
            } catch (IOException e) {
                throw new UncheckedIOException("govdata.audit.signing-key-file " + properties.signingKeyFile()
                        + " cannot be read", e);
            }
        }
        if (environment.acceptsProfiles(PRODUCTION)) {
            throw new IllegalStateException("govdata.audit.signing-key (environment GOVDATA_AUDIT_SIGNING_KEY) or "
                    + "govdata.audit.signing-key-file is required under a production profile (active: "
                    + Arrays.toString(environment.getActiveProfiles()) + "): without it audit checkpoints cannot be "
                    + "signed and the trail is not tamper-evident. Generate one with: head -c 32 /dev/urandom | base64");
        }
        byte[] random = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(random);
        log.warn("No govdata.audit.signing-key configured: signing audit checkpoints with an EPHEMERAL key that is lost "
                + "when this process stops. Development only; configure a key for any real deployment.");
        return new SigningKey(random, true, previous);
    }

    private static byte[] decode(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64", e);
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(property + " must hold at least " + MIN_BYTES + " bytes, has " + bytes.length);
        }
        return bytes;
    }

    static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("govdata-audit-checkpoint-key:" + Base64.getEncoder().encodeToString(key)).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    String sign(String message) {
        return mac(key, message);
    }

    /** VALID, INVALID (the key is known and the signature does not match) or UNKNOWN_KEY. */
    Verdict verify(String keyId, String message, String signature) {
        byte[] candidate = known.get(keyId);
        if (candidate == null) {
            return Verdict.UNKNOWN_KEY;
        }
        return MessageDigest.isEqual(mac(candidate, message).getBytes(StandardCharsets.US_ASCII),
                signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII)) ? Verdict.VALID : Verdict.INVALID;
    }

    private static String mac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    enum Verdict {
        VALID, INVALID, UNKNOWN_KEY
    }
}
