package app.meetingbridge.meetings.provider.daily;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A Daily webhook as registered, and what registration did to it ({@code created}, {@code reactivated} …). */
public record DailyWebhookState(String uuid, String url, @Nullable String state, int failedCount,
                                List<String> eventTypes, String action) {

    static DailyWebhookState of(DailyApi.Webhook hook, String action) {
        return new DailyWebhookState(hook.uuid(), hook.url(), hook.state(),
                hook.failedCount() == null ? 0 : hook.failedCount(),
                hook.eventTypes() == null ? List.of() : hook.eventTypes(), action);
    }
}
