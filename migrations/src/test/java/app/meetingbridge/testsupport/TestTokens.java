package app.meetingbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An identity provider for tests: an RSA key pair with a key id, its public key in PEM and as a JWK set, and RS256
 * tokens signed with it, issued by {@link #ISSUER} for {@link #AUDIENCE} unless a test says otherwise.
 */
public final class TestTokens {

    public static final String AUDIENCE = "meetingbridge-tests";
    public static final String ISSUER = "https://id.meetingbridge.test/";

    private final KeyPair keys;
    private final String keyId = UUID.randomUUID().toString();

    public TestTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes a gateway under test trust this provider (its PEM key, issuer and audience). */
    public void trustedBy(DynamicPropertyRegistry registry) {
        registry.add("app.auth.backend", () -> "jwt");
        registry.add("app.auth.jwt-issuer", () -> ISSUER);
        registry.add("app.auth.jwt-audience", () -> AUDIENCE);
        registry.add("app.auth.jwt-public-key", this::publicKeyPem);
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public key as a JWK set, as an identity provider's {@code jwks_uri} serves it. */
    public String jwkSetJson() {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(keyId).build()).toString();
    }

    /** A valid token for the user, for an hour. */
    public String tokenFor(String userId) {
        return token(userId, claims -> claims);
    }

    public String expiredTokenFor(String userId) {
        return token(userId, claims -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
    }

    public String tokenForAudience(String userId, String audience) {
        return token(userId, claims -> claims.audience(audience));
    }

    /** A token for the user with its claims changed by {@code change} (issuer, audience, times...). */
    public String token(String userId, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(userId)).build(), keys, keyId);
    }

    /** A well-formed token signed by some other key. */
    public static String tokenSignedByAStranger(String userId) {
        TestTokens stranger = new TestTokens();
        return sign(stranger.claims(userId).build(), stranger.keys, stranger.keyId);
    }

    /** A token with {@code "alg": "none"}: claims and no signature. */
    public String unsignedTokenFor(String userId) {
        return new PlainJWT(claims(userId).build()).serialize();
    }

    /**
     * A token signed HS256 with this provider's public key (its DER bytes) as the HMAC secret: the old attack on
     * verifiers that let the token choose the algorithm.
     */
    public String tokenMacedWithThePublicKey(String userId) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).build(),
                claims(userId).build());
        try {
            jwt.sign(new MACSigner(keys.getPublic().getEncoded()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String userId) {
        return new JWTClaimsSet.Builder().subject(userId).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
    }

    private static String sign(JWTClaimsSet claims, KeyPair keys, String keyId) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
