package app.meetingbridge.gateway;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the gateway's integration tests with signed-in callers ({@code AUTH_BACKEND=jwt}): this run's database and
 * vhost, one test identity provider the gateway trusts, and clients for an anonymous caller, alice and bob. The
 * subclass says {@code @SpringBootTest(webEnvironment = RANDOM_PORT, ...)} with its own properties.
 */
public abstract class SignedInTestSupport {

    protected static final TestTokens tokens = new TestTokens();

    @LocalServerPort
    protected int port;

    protected HttpJson anonymous;
    protected HttpJson alice;
    protected HttpJson bob;

    @DynamicPropertySource
    static void servicesAndIdentityProvider(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
        tokens.trustedBy(registry);
    }

    @BeforeEach
    void signedInClients() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        alice = anonymous.as(tokens.tokenFor("alice"));
        bob = anonymous.as(tokens.tokenFor("bob"));
    }
}
