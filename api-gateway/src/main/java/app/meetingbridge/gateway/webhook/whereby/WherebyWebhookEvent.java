package app.meetingbridge.gateway.webhook.whereby;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * For the OpenAPI document only: Whereby's envelope, which {@link WherebyEvents} reads from the raw body (the
 * signature is over the bytes, so the controller takes them as they came).
 */
@Schema(name = "WherebyWebhookEvent")
record WherebyWebhookEvent(@JsonProperty("apiVersion") String apiVersion, String id,
                           @JsonProperty("createdAt") String createdAt, String type, Map<String, Object> data) {
}
