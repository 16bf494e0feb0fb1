package cn.govdata.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ed25519 public keys that checkpoint signatures are checked against, with nothing but the JDK:
 * the offline verifier uses this class too, so a witness needs only the published public key.
 * A key is named by its RFC 7638 JWK thumbprint, which anyone can recompute from the key.
 */
public final class PublicKeys {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 raw key bytes follow. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Map<String, Key> byId = new LinkedHashMap<>();

    public PublicKeys(List<Key> keys) {
        keys.forEach(k -> byId.putIfAbsent(k.keyId(), k));
    }

    public List<Key> keys() {
        return List.copyOf(byId.values());
    }

    public SigningKey.Verdict verify(String keyId, String message, String signature) {
        Key key = keyId == null ? null : byId.get(keyId);
        if (key == null) {
            return SigningKey.Verdict.UNKNOWN_KEY;
        }
        return key.verifies(message, signature) ? SigningKey.Verdict.VALID : SigningKey.Verdict.INVALID;
    }

    static String sign(PrivateKey key, String message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static byte[] rawOf(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    static String text(tools.jackson.databind.JsonNode node, String field) {
        var value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    /** The DER bytes of a PEM block or of plain base64. */
    public static byte[] pemOrBase64(String text, String what) {
        String body = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is neither PEM nor base64", e);
        }
    }

    /** One published public key. */
    public record Key(String keyId, byte[] raw, PublicKey publicKey) {

        public static Key ofRaw(byte[] raw) {
            if (raw.length != 32) {
                throw new IllegalStateException("an Ed25519 public key has 32 bytes, this one " + raw.length);
            }
            byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
            try {
                PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
                return new Key(thumbprint(raw), raw.clone(), key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("not an Ed25519 public key", e);
            }
        }

        /** A PEM or base64 SubjectPublicKeyInfo, or the base64url raw key of a JWK's {@code x}. */
        public static Key parse(String text, String what) {
            String stripped = text.strip();
            if (stripped.matches("[A-Za-z0-9_-]{43}")) {
                return ofRaw(Base64.getUrlDecoder().decode(stripped));
            }
            byte[] der = pemOrBase64(stripped, what);
            if (der.length != SPKI_PREFIX.length + 32
                    || !Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
                throw new IllegalStateException(what + " is not an Ed25519 public key (SubjectPublicKeyInfo)");
            }
            return ofRaw(Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length));
        }

        boolean verifies(String message, String signatureBase64) {
            if (signatureBase64 == null) {
                return false;
            }
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initVerify(publicKey);
                signature.update(message.getBytes(StandardCharsets.UTF_8));
                byte[] bytes = Base64.getDecoder().decode(signatureBase64);
                // Only the canonical base64 spelling counts, so that no changed character goes unnoticed.
                return Base64.getEncoder().encodeToString(bytes).equals(signatureBase64) && signature.verify(bytes);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        /** The JWK {@code x}: the raw key, base64url without padding. */
        public String x() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }

        public String pem() {
            byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
            System.arraycopy(raw, 0, der, SPKI_PREFIX.length, 32);
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        }

        private static String thumbprint(byte[] raw) {
            String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\"}";
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }
}
