package app.meetingbridge.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** An identity provider for tests: an RSA key pair, its public key in PEM, and RS256 tokens signed with it. */
public final class TestTokens {

    public static final String AUDIENCE = "meetingbridge-tests";

    private final KeyPair keys;

    public TestTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A valid token for the user, for an hour. */
    public String tokenFor(String userId) {
        return token(userId, AUDIENCE, Instant.now().plus(Duration.ofHours(1)), keys);
    }

    public String expiredTokenFor(String userId) {
        return token(userId, AUDIENCE, Instant.now().minus(Duration.ofHours(1)), keys);
    }

    public String tokenForAudience(String userId, String audience) {
        return token(userId, audience, Instant.now().plus(Duration.ofHours(1)), keys);
    }

    /** A well-formed token signed by some other key. */
    public static String tokenSignedByAStranger(String userId) {
        return token(userId, AUDIENCE, Instant.now().plus(Duration.ofHours(1)), new TestTokens().keys);
    }

    private static String token(String userId, String audience, Instant expires, KeyPair keys) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(userId).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
