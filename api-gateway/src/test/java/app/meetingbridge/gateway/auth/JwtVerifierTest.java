package app.meetingbridge.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.testsupport.FakeHttpServer;
import app.meetingbridge.testsupport.FakeHttpServer.Reply;
import app.meetingbridge.testsupport.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tokens the gateway accepts, and the forged, misdirected and mistimed ones it refuses. */
class JwtVerifierTest {

    static final Duration SKEW = Duration.ofSeconds(60);

    final TestTokens tokens = new TestTokens();
    final FakeHttpServer identityProvider = new FakeHttpServer();

    @AfterEach
    void stop() {
        identityProvider.close();
    }

    JwtVerifier trustingThePemKey() {
        return new JwtVerifier(new AuthProperties("jwt", false, tokens.publicKeyPem(), null, TestTokens.ISSUER,
                TestTokens.AUDIENCE, true, SKEW));
    }

    JwtVerifier trustingTheKeySetAt(URI jwks) {
        return new JwtVerifier(new AuthProperties("jwt", false, null, jwks, TestTokens.ISSUER, TestTokens.AUDIENCE,
                true, SKEW));
    }

    @Test
    void acceptsAValidTokenAndGivesItsSubject() {
        assertThat(trustingThePemKey().subject(tokens.tokenFor("alice"))).isEqualTo("alice");
    }

    @Test
    void refusesATokenWithoutASignature() {
        assertRefused(trustingThePemKey(), tokens.unsignedTokenFor("alice"));
    }

    @Test
    void refusesATokenMacedWithThePublicKey() {
        assertRefused(trustingThePemKey(), tokens.tokenMacedWithThePublicKey("alice"));
    }

    @Test
    void refusesATokenFromAnotherIssuerOrNone() {
        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.issuer("https://evil.example/")));
        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.issuer(null)));
    }

    @Test
    void refusesATokenForAnotherAudienceOrNone() {
        assertRefused(trustingThePemKey(), tokens.tokenForAudience("alice", "someone-else"));
        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.audience((String) null)));
    }

    @Test
    void acceptsAnyAudienceOnlyWhenTheAudienceCheckIsTurnedOff() {
        JwtVerifier anyAudience = new JwtVerifier(new AuthProperties("jwt", false, tokens.publicKeyPem(), null,
                TestTokens.ISSUER, null, false, SKEW));

        assertThat(anyAudience.subject(tokens.tokenForAudience("alice", "someone-else"))).isEqualTo("alice");
        assertThat(anyAudience.subject(tokens.token("alice", claims -> claims.audience((String) null))))
                .isEqualTo("alice");
    }

    @Test
    void refusesATokenThatIsNotValidYet() {
        Date inTenMinutes = Date.from(Instant.now().plus(Duration.ofMinutes(10)));

        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.notBeforeTime(inTenMinutes)));
    }

    @Test
    void acceptsATokenThatExpiredWithinTheClockSkewAndRefusesOneBeyondIt() {
        Date justInside = Date.from(Instant.now().minus(SKEW).plusSeconds(20));
        Date justOutside = Date.from(Instant.now().minus(SKEW).minusSeconds(20));

        assertThat(trustingThePemKey().subject(tokens.token("alice", claims -> claims.expirationTime(justInside))))
                .isEqualTo("alice");
        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.expirationTime(justOutside)));
    }

    @Test
    void refusesATokenWithoutAnExpiry() {
        assertRefused(trustingThePemKey(), tokens.token("alice", claims -> claims.expirationTime(null)));
    }

    @Test
    void picksUpARotatedSigningKeyFromTheKeySetAtOnce() {
        TestTokens rotated = new TestTokens();
        AtomicReference<String> published = new AtomicReference<>(tokens.jwkSetJson());
        identityProvider.on("GET", "/jwks", request -> Reply.json(200, published.get()));
        JwtVerifier verifier = trustingTheKeySetAt(identityProvider.baseUri().resolve("/jwks"));
        assertThat(verifier.subject(tokens.tokenFor("alice"))).isEqualTo("alice");

        published.set(rotated.jwkSetJson());

        assertThat(verifier.subject(rotated.tokenFor("bob"))).isEqualTo("bob");
        assertThat(identityProvider.requests("GET", "/jwks")).hasSize(2);
    }

    @Test
    void fetchesTheKeySetAgainAtMostTwiceIn30SecondsWhateverKeyIdsTokensMakeUp() {
        identityProvider.on("GET", "/jwks", Reply.json(200, tokens.jwkSetJson()));
        JwtVerifier verifier = trustingTheKeySetAt(identityProvider.baseUri().resolve("/jwks"));

        for (int i = 0; i < 20; i++) {
            assertRefused(verifier, TestTokens.tokenSignedByAStranger("mallory"));
        }

        assertThat(identityProvider.requests("GET", "/jwks")).hasSizeBetween(1, 2);
        assertThat(verifier.subject(tokens.tokenFor("alice"))).isEqualTo("alice");
    }

    static void assertRefused(JwtVerifier verifier, String token) {
        assertThatThrownBy(() -> verifier.subject(token)).isInstanceOf(JwtVerifier.InvalidTokenException.class);
    }
}
