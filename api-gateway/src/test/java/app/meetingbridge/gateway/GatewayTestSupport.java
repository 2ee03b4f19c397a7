package app.meetingbridge.gateway;

import app.meetingbridge.testsupport.TestServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the gateway's integration tests: the real app on a random port, this run's database and vhost. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.auth.backend=none",
        "app.meetings.create-timeout=1500ms",
        "app.http.max-body-size=64KB",
        "app.providers.daily.api-key=set-in-tests",
        "app.providers.daily.webhook-secret=" + GatewayTestSupport.DAILY_SECRET,
        "app.webhooks.whereby-secret=" + GatewayTestSupport.WHEREBY_SECRET,
        // receivers under the reserved .test domain, vouched for by name: they need not resolve
        "app.outbound.allowed-hosts=*.test"})
public abstract class GatewayTestSupport {

    /** base64 of "daily-webhook-test-secret", as Daily's hmac is registered. */
    public static final String DAILY_SECRET = "ZGFpbHktd2ViaG9vay10ZXN0LXNlY3JldA==";
    public static final String WHEREBY_SECRET = "whereby-test-secret-ünïcode";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }
}
