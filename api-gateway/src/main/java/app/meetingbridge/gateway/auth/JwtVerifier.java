package app.meetingbridge.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;

/** Checks RS256 bearer tokens (signature, expiry, audience) and gives their subject. Nimbus JOSE does the work. */
final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtVerifier(AuthProperties properties) {
        JWKSource<SecurityContext> keys = keys(properties);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        String audience = properties.jwtAudience();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience == null || audience.isBlank() ? null : audience, null, Set.of("sub", "exp")));
    }

    /** The token's subject; fails with {@link InvalidTokenException} for any token that does not check out. */
    String subject(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return claims.getSubject();
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    private static JWKSource<SecurityContext> keys(AuthProperties properties) {
        String pem = properties.jwtPublicKey();
        if (pem != null && !pem.isBlank()) {
            return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder(publicKey(pem)).build()));
        }
        try {
            return JWKSourceBuilder.create(properties.jwtJwksUrl().toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("AUTH_JWT_JWKS_URL is not a URL: " + properties.jwtJwksUrl(), e);
        }
    }

    static RSAPublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException e) {
            throw new IllegalStateException("AUTH_JWT_PUBLIC_KEY is not an RSA public key in PEM form", e);
        }
    }

    static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
