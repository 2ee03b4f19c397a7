package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.meetings.CommandSettings;
import app.meetingbridge.meetings.provider.ProviderCalls;
import app.meetingbridge.meetings.provider.ProviderHttp;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.ResilienceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The operator's command for this deployment's Daily webhook, run as
 * {@code java -jar meeting-service.jar daily-webhook status|register <url>|delete <uuid>} with
 * {@code DAILY_API_KEY} (and {@code DAILY_WEBHOOK_SECRET} to register) in the environment. Prints each webhook's
 * state; exits 0 when the webhook it registered (or every one it lists) is ACTIVE.
 */
public final class DailyWebhookCommand {

    public static final String NAME = "daily-webhook";
    private static final String USAGE = "usage: daily-webhook status | register <https url of /v1/daily/webhook> | delete <uuid>";

    private DailyWebhookCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out) {
        DailyProperties daily = CommandSettings.of(env).bind("app.providers.daily", DailyProperties.class);
        String apiKey = daily.apiKey() == null ? "" : daily.apiKey();
        if (apiKey.isBlank()) {
            out.println("DAILY_API_KEY is not set");
            return 2;
        }
        if (args.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        ResilienceProperties resilience = daily.resilience();
        String secret = daily.webhookSecret() == null ? "" : daily.webhookSecret();
        DailyWebhooks webhooks = new DailyWebhooks(ProviderHttp.client(DailyApi.class, "daily", daily.apiUrl(), apiKey,
                resilience.timeout()), new ProviderCalls("daily", resilience, new SimpleMeterRegistry()),
                secret.isBlank() ? null : secret);
        try {
            return switch (args.get(0)) {
                case "status" -> {
                    List<DailyWebhookState> states = webhooks.states();
                    states.forEach(state -> print(out, state));
                    if (states.isEmpty()) {
                        out.println("no webhook registered");
                    }
                    yield !states.isEmpty() && states.stream().allMatch(s -> "ACTIVE".equals(s.state())) ? 0 : 1;
                }
                case "register" -> {
                    if (args.size() != 2) {
                        out.println(USAGE);
                        yield 2;
                    }
                    if (secret.isBlank()) {
                        out.println("DAILY_WEBHOOK_SECRET is not set: the gateway verifies Daily's signatures with it");
                        yield 2;
                    }
                    DailyWebhookState state = webhooks.register(args.get(1));
                    print(out, state);
                    yield "ACTIVE".equals(state.state()) ? 0 : 1;
                }
                case "delete" -> {
                    if (args.size() != 2) {
                        out.println(USAGE);
                        yield 2;
                    }
                    webhooks.delete(args.get(1));
                    out.println("deleted " + args.get(1));
                    yield 0;
                }
                default -> {
                    out.println(USAGE);
                    yield 2;
                }
            };
        } catch (ProviderRejectedException | ProviderUnavailableException e) {
            out.println("Daily refused or did not answer: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintStream out, DailyWebhookState state) {
        out.printf("%s uuid=%s url=%s state=%s failedCount=%d events=%s%n", state.action(), state.uuid(), state.url(),
                state.state(), state.failedCount(), String.join(",", state.eventTypes()));
    }
}
