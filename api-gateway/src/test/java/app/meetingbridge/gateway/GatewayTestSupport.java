package app.meetingbridge.gateway;

import app.meetingbridge.testsupport.TestServices;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the gateway's integration tests: the real app on a random port, this run's database and vhost. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.meetings.create-timeout=1500ms",
        "app.http.max-body-size=64KB",
        "app.providers.daily-api-key=set-in-tests"})
public abstract class GatewayTestSupport {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }
}
