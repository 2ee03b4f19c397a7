package app.meetingbridge.gateway.web;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reflector's {@code /health}, which its frontend and deployments call: up means answering. The probes that check
 * the database and the broker are {@code /livez} and {@code /readyz}.
 */
@RestController
class HealthController {

    @GetMapping("/health")
    @Operation(operationId = "health")
    Map<String, String> health() {
        return Map.of("status", "healthy");
    }
}
