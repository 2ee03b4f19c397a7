package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.meetings.provider.ProviderCalls;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * This deployment's webhook registration at Daily: one webhook per URL, with our HMAC secret and the events
 * we handle. Daily updates with POST and re-tests the URL, which also re-activates a FAILED webhook.
 */
final class DailyWebhooks {

    static final List<String> EVENTS = List.of("participant.joined", "participant.left", "meeting.started",
            "meeting.ended", "recording.started", "recording.ready-to-download", "recording.error");
    private static final String STANDARD = "standard";
    private static final String LIST_OR_DELETE = "list";

    private final DailyApi api;
    private final ProviderCalls calls;
    private final @Nullable String secret;

    DailyWebhooks(DailyApi api, ProviderCalls calls, @Nullable String secret) {
        this.api = api;
        this.calls = calls;
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    /** Makes sure an ACTIVE webhook points at {@code url} with our events; says what it found and did. */
    DailyWebhookState register(String url) {
        DailyApi.WebhookRequest wanted = new DailyApi.WebhookRequest(url, EVENTS, secret);
        Optional<DailyApi.Webhook> ours = list().stream().filter(hook -> url.equals(hook.url())).findFirst();
        if (ours.isEmpty()) {
            return DailyWebhookState.of(calls.call(STANDARD, "create webhook", () -> api.createWebhook(wanted)), "created");
        }
        DailyApi.Webhook hook = ours.get();
        if ("ACTIVE".equals(hook.state()) && EVENTS.equals(hook.eventTypes())) {
            return DailyWebhookState.of(hook, "unchanged");
        }
        DailyApi.Webhook updated = calls.call(STANDARD, "update webhook", () -> api.updateWebhook(hook.uuid(), wanted));
        return DailyWebhookState.of(updated, "FAILED".equals(hook.state()) ? "reactivated" : "updated");
    }

    List<DailyWebhookState> states() {
        return list().stream().map(hook -> DailyWebhookState.of(hook, "listed")).toList();
    }

    void delete(String uuid) {
        calls.call(LIST_OR_DELETE, "delete webhook", () -> {
            api.deleteWebhook(uuid);
            return uuid;
        });
    }

    private List<DailyApi.Webhook> list() {
        return calls.call(LIST_OR_DELETE, "list webhooks", api::listWebhooks);
    }
}
