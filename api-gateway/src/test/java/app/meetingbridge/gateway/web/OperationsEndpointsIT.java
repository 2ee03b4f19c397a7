package app.meetingbridge.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.GatewayTestSupport;
import app.meetingbridge.testsupport.HttpJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API port answers the probes only; metrics and the rest of the operations endpoints are on their own port. */
class OperationsEndpointsIT extends GatewayTestSupport {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void answersOnlyTheProbesOnTheApiPort() {
        HttpJson api = new HttpJson("http://127.0.0.1:" + port);

        assertThat(api.get("/readyz").status()).isEqualTo(200);
        assertThat(api.get("/livez").status()).isEqualTo(200);
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/metrics", "/actuator/prometheus",
                "/actuator/env", "/actuator/bindings", "/actuator/loggers"}) {
            assertThat(api.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void servesMetricsAndPrometheusOnTheManagementPortOnly() {
        HttpJson management = new HttpJson("http://127.0.0.1:" + managementPort);

        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(management.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void exposesNoEndpointThatChangesStateOrShowsConfiguration() {
        HttpJson management = new HttpJson("http://127.0.0.1:" + managementPort);

        for (String path : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/loggers",
                "/actuator/bindings", "/actuator/shutdown", "/actuator/heapdump", "/actuator/threaddump"}) {
            assertThat(management.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(management.post("/actuator/shutdown", "{}").status()).isEqualTo(404);
    }
}
