package app.meetingbridge.gateway.webhook.whereby;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.webhook.SignatureCheck;
import app.meetingbridge.gateway.webhook.WebhookFields;
import app.meetingbridge.gateway.webhook.WebhookIntake;
import app.meetingbridge.gateway.webhook.WebhookProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/whereby}: signature and age first, then inbox + outbox and 200. Bodies are never logged. */
@RestController
class WherebyWebhookController {

    private static final Logger log = LoggerFactory.getLogger(WherebyWebhookController.class);
    private static final Map<String, String> OK = Map.of("status", "ok");

    private final @Nullable WherebySignature signature;
    private final WebhookIntake intake;
    private final JsonMapper json;
    private final Clock clock;

    WherebyWebhookController(WebhookProperties properties, WebhookIntake intake, Clock clock) {
        this.signature = properties.wherebySecret().isBlank() ? null
                : new WherebySignature(properties.wherebySecret(), properties.wherebyMaxAge());
        this.intake = intake;
        this.json = JsonMapper.builder().build();
        this.clock = clock;
    }

    @Operation(operationId = "v1_whereby_webhook", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = WherebyWebhookEvent.class))))
    @PostMapping("/v1/whereby")
    Map<String, String> receive(@RequestHeader(value = "Whereby-Signature", required = false) @Nullable String signed,
                                @RequestBody(required = false) byte @Nullable [] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (signature == null) {
            intake.rejected(Platform.WHEREBY, "not-configured");
            log.error("Whereby webhook refused: WHEREBY_WEBHOOK_SECRET is not set");
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Whereby webhooks are not configured", null);
        }
        SignatureCheck check = signature.check(signed, raw, () -> compact(raw), clock.instant());
        if (check != SignatureCheck.VALID) {
            intake.rejected(Platform.WHEREBY, check.reason());
            throw new ApiException(HttpStatus.UNAUTHORIZED, check == SignatureCheck.STALE
                    ? "Webhook timestamp outside the accepted window" : "Invalid webhook signature", null);
        }
        byte[] storable = WebhookFields.storable(raw);
        JsonNode root = parse(storable);
        if (root == null || !root.isObject()) {
            intake.rejected(Platform.WHEREBY, "malformed");
            throw ApiException.badRequest("Invalid JSON");
        }
        intake.accept(Platform.WHEREBY, WherebyEvents.read(root, storable, clock.instant()));
        return OK;
    }

    private byte @Nullable [] compact(byte[] raw) {
        JsonNode parsed = parse(raw);
        return parsed == null ? null : parsed.toString().getBytes(StandardCharsets.UTF_8);
    }

    private @Nullable JsonNode parse(byte[] raw) {
        try {
            return json.readTree(raw);
        } catch (JacksonException e) {
            return null;
        }
    }
}
