package cn.govdata.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Signs tokens the way the govdata Keycloak realm does, with a key pair made for the test run, so
 * the gateway's real validation (signature, issuer, audience, expiry) is exercised.
 */
final class TestTokens {

    static final String AUDIENCE = "govdata-api";

    private final RSAKey signingKey;
    private final RSAKey strangerKey;
    private final String issuer;

    TestTokens(String issuer) {
        this.issuer = issuer;
        this.signingKey = generate("govdata-test");
        this.strangerKey = generate("govdata-test");
    }

    /** The public half, as Keycloak's certs endpoint serves it. */
    String jwks() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    String forClient(String clientId) {
        return sign(signingKey, claims -> claims.claim("azp", clientId));
    }

    /** A client's token carrying Keycloak realm roles, as {@code realm_access.roles}. */
    String forClientWithRoles(String clientId, String... roles) {
        return sign(signingKey, claims -> claims.claim("azp", clientId)
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles))));
    }

    String withIssuer(String otherIssuer) {
        return sign(signingKey, claims -> claims.issuer(otherIssuer));
    }

    String withAudience(String otherAudience) {
        return sign(signingKey, claims -> claims.audience(otherAudience));
    }

    String expired() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        return sign(signingKey, claims -> claims.issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plus(Duration.ofMinutes(5)))));
    }

    String signedByAStranger() {
        return sign(strangerKey, claims -> claims);
    }

    private String sign(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .claim("azp", "county-portal")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    customizer.apply(claims).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
