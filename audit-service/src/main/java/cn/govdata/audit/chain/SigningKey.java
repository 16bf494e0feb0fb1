package cn.govdata.audit.chain;

import cn.govdata.audit.AuditProperties;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The Ed25519 key that signs chain checkpoints, archive seals and chain heads. Only the audit
 * service holds the private key; the public key is published ({@code GET /api/audit/keys}, the
 * README), so any outside witness can check a checkpoint and nobody who can check can forge one.
 * Checkpoints name their key by {@code keyId} (the RFC 7638 JWK thumbprint of the public key), so
 * after a rotation older checkpoints still verify against the previous public keys, which stay
 * published.
 *
 * <p>The private key is a PKCS#8 Ed25519 key (PEM or base64 DER, as {@code openssl genpkey
 * -algorithm ed25519} writes it). Without one a development instance signs with a random key that
 * lives as long as the process; its checkpoints are marked ephemeral. Under a prod/production
 * profile start-up fails.
 */
public final class SigningKey {

    static final Profiles PRODUCTION = Profiles.of("prod | production");

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKeys.Key current;
    private final boolean ephemeral;
    private final PublicKeys known;

    private SigningKey(PrivateKey privateKey, byte[] publicRaw, boolean ephemeral, List<PublicKeys.Key> previous) {
        this.privateKey = privateKey;
        this.current = PublicKeys.Key.ofRaw(publicRaw);
        this.ephemeral = ephemeral;
        List<PublicKeys.Key> all = new ArrayList<>();
        all.add(current);
        previous.stream().filter(p -> !p.keyId().equals(current.keyId())).forEach(all::add);
        this.known = new PublicKeys(all);
    }

    public static SigningKey from(AuditProperties properties, Environment environment) {
        AuditProperties.Signing signing = properties.signing();
        List<PublicKeys.Key> previous = signing.previousPublicKeys().stream()
                .map(k -> PublicKeys.Key.parse(k, "govdata.audit.signing.previous-public-keys")).toList();
        if (signing.privateKey() != null && !signing.privateKey().isBlank()) {
            return fromPkcs8(PublicKeys.pemOrBase64(signing.privateKey(), "govdata.audit.signing.private-key"), previous,
                    "govdata.audit.signing.private-key");
        }
        if (signing.privateKeyFile() != null && !signing.privateKeyFile().toString().isBlank()) {
            String property = "govdata.audit.signing.private-key-file (" + signing.privateKeyFile() + ")";
            try {
                byte[] bytes = Files.readAllBytes(signing.privateKeyFile());
                String text = new String(bytes, StandardCharsets.US_ASCII);
                byte[] der = text.contains("-----BEGIN") || text.strip().matches("[A-Za-z0-9+/=\\s]+")
                        ? PublicKeys.pemOrBase64(text, property) : bytes;
                return fromPkcs8(der, previous, property);
            } catch (IOException e) {
                throw new UncheckedIOException(property + " cannot be read", e);
            }
        }
        if (environment.acceptsProfiles(PRODUCTION)) {
            throw new IllegalStateException("govdata.audit.signing.private-key (environment GOVDATA_AUDIT_SIGNING_PRIVATE_KEY) "
                    + "or govdata.audit.signing.private-key-file is required under a production profile (active: "
                    + Arrays.toString(environment.getActiveProfiles()) + "): without it audit checkpoints cannot be "
                    + "signed and the trail is not tamper-evident. Generate one with: openssl genpkey -algorithm ed25519");
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            log.warn("No govdata.audit.signing.private-key configured: signing audit checkpoints with an EPHEMERAL key "
                    + "that is lost when this process stops. Development only; configure a key for any real deployment.");
            return new SigningKey(pair.getPrivate(), PublicKeys.rawOf(pair.getPublic()), true, previous);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    private static SigningKey fromPkcs8(byte[] der, List<PublicKeys.Key> previous, String property) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalStateException(property + " does not reveal its key bytes"));
            // The JDK has no public-key derivation for EdDSA; BouncyCastle computes it from the 32-byte seed.
            byte[] publicRaw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            return new SigningKey(key, publicRaw, false, previous);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not a PKCS#8 Ed25519 private key", e);
        }
    }

    public String keyId() {
        return current.keyId();
    }

    public boolean ephemeral() {
        return ephemeral;
    }

    /** The current public key first, then those of before a rotation. */
    public PublicKeys publicKeys() {
        return known;
    }

    String sign(String message) {
        return PublicKeys.sign(privateKey, message);
    }

    /** VALID, INVALID (the key is known and the signature does not match) or UNKNOWN_KEY. */
    Verdict verify(String keyId, String message, String signature) {
        return known.verify(keyId, message, signature);
    }

    public enum Verdict {
        VALID, INVALID, UNKNOWN_KEY
    }
}
