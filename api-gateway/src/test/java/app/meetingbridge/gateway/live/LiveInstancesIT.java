package app.meetingbridge.gateway.live;

import static app.meetingbridge.testsupport.Fixtures.aTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayApplication;
import app.meetingbridge.messaging.TranscriptEventLog;
import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TcpProxy;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two gateway instances on one database and broker, each with browsers of its own: an event sent once reaches the
 * browsers of both, and an instance whose broker connection was lost follows the events again once it is back.
 * The instance under test reaches the broker through a proxy that can cut it off; the second is a whole gateway
 * started beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveInstancesIT {

    static final TestTokens tokens = new TestTokens();
    static final HttpClient http = HttpClient.newHttpClient();
    static final TcpProxy brokerProxy = TestServices.brokerProxy();
    static ConfigurableApplicationContext second;
    static int secondPort;

    @LocalServerPort
    int port;

    @Autowired
    DSLContext db;

    @Autowired
    LiveHub hub;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.registerThroughBrokerProxy(registry, brokerProxy);
        tokens.trustedBy(registry);
    }

    @BeforeAll
    static void startTheSecondInstance() {
        Map<String, Object> properties = new HashMap<>(TestServices.springProperties());
        properties.put("server.port", "0");
        properties.put("management.server.port", "0");
        properties.put("app.auth.backend", "jwt");
        properties.put("app.auth.jwt-issuer", TestTokens.ISSUER);
        properties.put("app.auth.jwt-audience", TestTokens.AUDIENCE);
        properties.put("app.auth.jwt-public-key", tokens.publicKeyPem());
        // as command-line arguments: they outrank application.yml, as the test's own properties do
        second = new SpringApplicationBuilder(GatewayApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        brokerProxy.close();
    }

    @Test
    void anEventSentOnceReachesTheBrowsersOfEveryInstance() throws Exception {
        String id = transcript();
        LiveHub secondHub = second.getBean(LiveHub.class);
        try (LiveClient here = LiveClient.connect(http, socket(port, id), tokens.tokenFor("alice"));
             LiveClient there = LiveClient.connect(http, socket(secondPort, id), tokens.tokenFor("alice"));
             LiveClient ownerThere = LiveClient.connect(http, URI.create("ws://127.0.0.1:" + secondPort + "/v1/events"),
                     tokens.tokenFor("alice"))) {
            LiveClient.await(() -> hub.sockets() >= 1 && secondHub.sockets() >= 2, "the sockets followed");

            second.getBean(TransactionTemplate.class).executeWithoutResult(status -> second
                    .getBean(TranscriptEventLog.class).append(id, "alice", "FINAL_TITLE", Map.of("title", "Once")));

            assertThat(here.awaitMessages(1)).containsExactly("{\"event\":\"FINAL_TITLE\",\"data\":{\"title\":\"Once\"}}");
            assertThat(HttpJson.parse(there.awaitMessages(1).get(0))).isEqualTo(HttpJson.parse(
                    "{\"event\":\"FINAL_TITLE\",\"data\":{\"title\":\"Once\"}}"));
            assertThat(HttpJson.parse(ownerThere.awaitMessages(1).get(0))).isEqualTo(HttpJson.parse(
                    "{\"event\":\"TRANSCRIPT_FINAL_TITLE\",\"data\":{\"id\":\"" + id + "\",\"title\":\"Once\"}}"));
            assertThat(here.received()).hasSize(1);
            assertThat(there.received()).hasSize(1);
        }
    }

    @Test
    void anInstanceFollowsTheEventsAgainOnceItsBrokerConnectionIsBack() throws Exception {
        String id = transcript();
        try (LiveClient here = LiveClient.connect(http, socket(port, id), tokens.tokenFor("alice"))) {
            LiveClient.await(() -> hub.sockets() >= 1, "the socket followed");

            brokerProxy.cut();
            brokerProxy.restore();

            // events sent while the instance had no queue are not for it; the first one after its queue is back is
            TranscriptEventLog events = second.getBean(TranscriptEventLog.class);
            TransactionTemplate transactions = second.getBean(TransactionTemplate.class);
            int sent = 0;
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (here.received().isEmpty() && System.nanoTime() < deadline) {
                int n = ++sent;
                transactions.executeWithoutResult(status -> events.append(id, "alice", "DURATION",
                        Map.of("duration", n)));
                Thread.sleep(250); // the next try, not an assertion's wait
            }
            assertThat(here.received()).isNotEmpty();
        }
    }

    static URI socket(int port, String transcriptId) {
        return URI.create("ws://127.0.0.1:" + port + "/v1/transcripts/" + transcriptId + "/events");
    }

    String transcript() {
        return aTranscript().fromARecording().ownedBy("alice").insert(db);
    }
}
