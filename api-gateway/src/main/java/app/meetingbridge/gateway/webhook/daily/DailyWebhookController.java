package app.meetingbridge.gateway.webhook.daily;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.webhook.SignatureCheck;
import app.meetingbridge.gateway.webhook.WebhookFields;
import app.meetingbridge.gateway.webhook.WebhookIntake;
import app.meetingbridge.gateway.webhook.WebhookProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

/**
 * {@code POST /v1/daily/webhook}: signature over the raw bytes first, then Daily's {@code {"test":"test"}}
 * ping, then inbox + outbox and 200. Bodies and secrets are never logged.
 */
@RestController
class DailyWebhookController {

    private static final Logger log = LoggerFactory.getLogger(DailyWebhookController.class);
    private static final Map<String, String> OK = Map.of("status", "ok");

    private final @Nullable DailySignature signature;
    private final WebhookIntake intake;
    private final JsonMapper json;
    private final Clock clock;

    @SuppressWarnings("deprecation")
    DailyWebhookController(DailyWebhookProperties daily, WebhookProperties properties, WebhookIntake intake,
                           Clock clock) {
        DailyWebhookSecret secret = DailyWebhookSecret.choose(daily.webhookSecret(), properties.dailySecret());
        if (secret.fromDeprecatedName()) {
            log.warn("{} is deprecated: set DAILY_WEBHOOK_SECRET (or {}) instead", DailyWebhookSecret.DEPRECATED_NAME,
                    DailyWebhookSecret.NAME);
        }
        this.signature = secret.isSet() ? new DailySignature(secret.value(), properties.dailyMaxSkew()) : null;
        this.intake = intake;
        this.json = JsonMapper.builder().build();
        this.clock = clock;
    }

    // Reflector documents no body here (it reads the raw request, as we do)
    @Operation(operationId = "v1_webhook")
    @PostMapping("/v1/daily/webhook")
    Map<String, String> receive(@RequestHeader(value = "X-Webhook-Timestamp", required = false) @Nullable String timestamp,
                                @RequestHeader(value = "X-Webhook-Signature", required = false) @Nullable String signed,
                                @Parameter(hidden = true) @RequestBody(required = false) byte @Nullable [] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (signature == null) {
            intake.rejected(Platform.DAILY, "not-configured");
            log.error("Daily webhook refused: DAILY_WEBHOOK_SECRET is not set");
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Daily webhooks are not configured", null);
        }
        SignatureCheck check = signature.check(timestamp, signed, raw, clock.instant());
        if (check != SignatureCheck.VALID) {
            intake.rejected(Platform.DAILY, check.reason());
            throw new ApiException(HttpStatus.UNAUTHORIZED, check == SignatureCheck.STALE
                    ? "Webhook timestamp outside the accepted window" : "Invalid webhook signature", null);
        }
        byte[] storable = WebhookFields.storable(raw);
        JsonNode root;
        try {
            root = json.readTree(storable);
        } catch (JacksonException e) {
            intake.rejected(Platform.DAILY, "malformed");
            throw ApiException.badRequest("Invalid JSON");
        }
        if (root == null || !root.isObject()) {
            intake.rejected(Platform.DAILY, "malformed");
            throw ApiException.badRequest("Invalid JSON: expected an object");
        }
        if (root.size() == 1 && "test".equals(root.path("test").asString(""))) {
            return OK;
        }
        intake.accept(Platform.DAILY, DailyEvents.read(root, storable, clock.instant()));
        return OK;
    }
}
