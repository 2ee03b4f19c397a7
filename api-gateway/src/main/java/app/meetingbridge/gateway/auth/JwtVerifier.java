package app.meetingbridge.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks RS256 bearer tokens and gives their subject; Nimbus JOSE does the work. A token passes when it is signed
 * with RS256 by a key of the configured set (no {@code none}, no HMAC keyed with the public key), its issuer is
 * the configured one, its audience contains the configured one (unless the audience check is off), and it is
 * neither expired nor not yet valid, with the configured clock skew of tolerance either way.
 * <p>
 * A key set fetched from a URL is cached; a token whose key id is not in it makes the set be fetched again, at
 * most twice per 30 seconds, so a signing-key rotation is picked up at once and a stream of made-up key ids
 * cannot make the gateway hammer the identity provider.
 */
final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtVerifier(AuthProperties properties) {
        String pem = properties.jwtPublicKey();
        processor.setJWSKeySelector(pem != null && !pem.isBlank()
                ? new SingleKeyJWSKeySelector<>(JWSAlgorithm.RS256, publicKey(pem)) // whatever key id a token names
                : new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keySet(properties.jwtJwksUrl())));
        Set<String> required = new HashSet<>(Set.of("sub", "exp", "iss"));
        Set<String> audiences = null;
        if (properties.jwtAudienceRequired()) {
            required.add("aud");
            audiences = Set.of(properties.jwtAudience());
        }
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(audiences,
                new JWTClaimsSet.Builder().issuer(properties.jwtIssuer()).build(), required, null);
        claims.setMaxClockSkew((int) properties.jwtClockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The token's subject; fails with {@link InvalidTokenException} for any token that does not check out. */
    String subject(String token) {
        return verify(token).subject();
    }

    /** Who the token is for; fails with {@link InvalidTokenException} for any token that does not check out. */
    Identity verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return new Identity(claims.getSubject(), email(claims));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage());
        }
    }

    private static @Nullable String email(JWTClaimsSet claims) {
        try {
            return claims.getStringClaim("email");
        } catch (ParseException e) {
            return null; // an email claim that is not a string is no email
        }
    }

    /** A checked token's subject and, when it carries one, its email claim. */
    record Identity(String subject, @Nullable String email) {
    }

    private static JWKSource<SecurityContext> keySet(URI url) {
        try {
            return JWKSourceBuilder.create(url.toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("AUTH_JWT_JWKS_URL is not a URL: " + url, e);
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
