package app.meetingbridge.gateway;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestS3;
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

    /** The transcript storage the gateway reads audio from and writes uploads to: {@code bucket} on the shared s3proxy. */
    protected static void transcriptStorage(DynamicPropertyRegistry registry, String bucket) {
        TestS3 s3 = TestS3.shared();
        s3.createBucket(bucket);
        registry.add("app.storage.endpoint", () -> s3.endpoint().toString());
        registry.add("app.storage.bucket", () -> bucket);
        registry.add("app.storage.access-key-id", () -> TestS3.ACCESS_KEY);
        registry.add("app.storage.secret-access-key", () -> TestS3.SECRET_KEY);
    }

    @BeforeEach
    void signedInClients() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        alice = anonymous.as(tokens.tokenFor("alice"));
        bob = anonymous.as(tokens.tokenFor("bob"));
    }
}
