package app.meetingbridge.gateway.room;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.gateway.web.InvalidRequestException.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a create or update body onto room settings, checking every rule and reporting every
 * broken one at once. Fields absent from the body keep their value (Reflector's exclude-unset semantics); an
 * explicit null clears the nullable ones and is refused for the others. Unknown fields are ignored.
 */
final class RoomFields {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> RESERVED_NAMES = Set.of("browse", "rooms", "transcripts", "new", "api");
    private static final Set<String> ROOM_MODES = Set.of("normal", "group");
    private static final Set<String> RECORDING_TYPES = Set.of("none", "local", "cloud");
    private static final Set<String> RECORDING_TRIGGERS = Set.of("none", "prompt", "automatic", "automatic-2nd-participant");
    private static final int MAX_TEXT = 255;
    private static final int MAX_URL = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which URL of a room our servers will call: its webhook, its calendar feed. */
    enum OutboundUrl { WEBHOOK, ICS }

    /** Whether a URL our servers will call may be saved: why not, in words for the caller, or null when it may. */
    @FunctionalInterface
    interface OutboundUrlCheck {
        @Nullable String refusal(OutboundUrl which, String url);
    }

    private final JsonNode body;
    private final OutboundUrlCheck outboundUrlCheck;
    private final List<Problem> problems = new ArrayList<>();

    private RoomFields(JsonNode body, OutboundUrlCheck outboundUrlCheck) {
        this.body = body;
        this.outboundUrlCheck = outboundUrlCheck;
    }

    /** The settings of a new room: {@code name} is required, everything else defaults. */
    static RoomSettings forNewRoom(JsonNode body, Platform defaultPlatform, OutboundUrlCheck outboundUrlCheck) {
        RoomFields fields = new RoomFields(requireObject(body), outboundUrlCheck);
        if (!body.has("name") || body.get("name").isNull()) {
            fields.problem("name", "Field required", "missing");
            fields.failIfAny();
        }
        return fields.apply(RoomSettings.defaults("", defaultPlatform));
    }

    /** {@code current} with the fields the body names changed. */
    static RoomSettings forUpdate(RoomSettings current, JsonNode body, OutboundUrlCheck outboundUrlCheck) {
        return new RoomFields(requireObject(body), outboundUrlCheck).apply(current);
    }

    private RoomSettings apply(RoomSettings base) {
        String name = text("name", base.name(), 64);
        if (body.has("name") && !problemFor("name")) {
            checkName(name);
        }
        String webhookUrl = outboundUrl("webhook_url", OutboundUrl.WEBHOOK, base.webhookUrl());
        String webhookSecret = nullableText("webhook_secret", base.webhookSecret(), MAX_TEXT);
        boolean urlGiven = body.has("webhook_url") && webhookUrl != null && !webhookUrl.isBlank();
        boolean secretGiven = body.has("webhook_secret") && webhookSecret != null && !webhookSecret.isBlank();
        if (urlGiven && !secretGiven) {
            webhookSecret = keepsSecret(base, webhookUrl) ? base.webhookSecret() : newWebhookSecret();
        }
        // kept as sent: Reflector's web app sends minutes (1, 5, 10, 30, 60), its API's default is 300 seconds
        int icsFetchInterval = integer("ics_fetch_interval", base.icsFetchInterval());
        if (icsFetchInterval < 1 || icsFetchInterval > 86_400) {
            problem("ics_fetch_interval", "ics_fetch_interval should be between 1 and 86400", "value_error");
        }
        RoomSettings result = new RoomSettings(
                name,
                bool("zulip_auto_post", base.zulipAutoPost()),
                text("zulip_stream", base.zulipStream(), MAX_TEXT),
                text("zulip_topic", base.zulipTopic(), MAX_TEXT),
                bool("is_locked", base.isLocked()),
                oneOf("room_mode", base.roomMode(), ROOM_MODES),
                oneOf("recording_type", base.recordingType(), RECORDING_TYPES),
                oneOf("recording_trigger", base.recordingTrigger(), RECORDING_TRIGGERS),
                bool("is_shared", base.isShared()),
                webhookUrl,
                webhookSecret,
                blankAsNull(outboundUrl("ics_url", OutboundUrl.ICS, base.icsUrl())),
                icsFetchInterval,
                bool("ics_enabled", base.icsEnabled()),
                platform(base.platform()),
                bool("skip_consent", base.skipConsent()));
        failIfAny();
        return result;
    }

    private static JsonNode requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw InvalidRequestException.of(List.of("body"), "Input should be a JSON object", "model_type");
        }
        return body;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            problem("name", "Room name must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit",
                    "value_error");
        } else if (RESERVED_NAMES.contains(name.toLowerCase())) {
            problem("name", "Room name '" + name + "' is reserved", "value_error");
        }
    }

    private boolean bool(String field, boolean current) {
        JsonNode value = body.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isBoolean()) {
            problem(field, "Input should be a valid boolean", "bool_type");
            return current;
        }
        return value.booleanValue();
    }

    private int integer(String field, int current) {
        JsonNode value = body.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, "Input should be a valid integer", "int_type");
            return current;
        }
        return value.intValue();
    }

    private String text(String field, String current, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isString()) {
            problem(field, "Input should be a valid string", "string_type");
            return current;
        }
        String text = value.stringValue();
        if (text.length() > maxLength) {
            problem(field, "String should have at most " + maxLength + " characters", "string_too_long");
            return current;
        }
        return text;
    }

    private @Nullable String nullableText(String field, @Nullable String current, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null) {
            return current;
        }
        if (value.isNull()) {
            return null;
        }
        return text(field, current == null ? "" : current, maxLength);
    }

    private @Nullable String nullableUrl(String field, @Nullable String current) {
        String url = nullableText(field, current, MAX_URL);
        if (body.has(field) && url != null && !url.isBlank() && !problemFor(field) && !isHttpUrl(url)) {
            problem(field, "Input should be an http or https URL", "url_parsing");
        }
        return url;
    }

    /** A URL our servers will call: checked by the outbound guard when the body names a non-blank one. */
    private @Nullable String outboundUrl(String field, OutboundUrl which, @Nullable String current) {
        String url = nullableUrl(field, current);
        if (body.has(field) && url != null && !url.isBlank() && !problemFor(field)) {
            String refusal = outboundUrlCheck.refusal(which, url);
            if (refusal != null) {
                problem(field, refusal, "value_error");
            }
        }
        return url;
    }

    /** The web app sends an empty {@code ics_url} for "no calendar": stored as none, so no sync ever fetches "". */
    private static @Nullable String blankAsNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private String oneOf(String field, String current, Set<String> allowed) {
        String value = text(field, current, 64);
        if (!allowed.contains(value)) {
            problem(field, "Input should be " + String.join(", ", allowed.stream().sorted().map(v -> "'" + v + "'").toList()),
                    "enum");
            return current;
        }
        return value;
    }

    private Platform platform(Platform current) {
        JsonNode value = body.get("platform");
        if (value == null) {
            return current;
        }
        if (value.isString()) {
            var platform = Platform.fromWireName(value.stringValue());
            if (platform.isPresent()) {
                return platform.get();
            }
        }
        problem("platform", "Input should be 'whereby', 'daily' or 'mock'", "enum");
        return current;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether a URL that comes without a secret keeps the stored one: yes when the URL is the one already stored
     * and a secret exists, so replaying or re-saving the same PATCH does not silently rotate the secret the
     * receiver verifies with (Reflector generates one each time). A new URL, or no secret yet, gets a new one; an
     * explicit {@code webhook_secret} (a blank or null one asks for a new secret) always decides.
     */
    private boolean keepsSecret(RoomSettings base, String webhookUrl) {
        return !body.has("webhook_secret") && webhookUrl.equals(base.webhookUrl())
                && base.webhookSecret() != null && !base.webhookSecret().isBlank();
    }

    private static String newWebhookSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private boolean problemFor(String field) {
        return problems.stream().anyMatch(problem -> problem.loc().get(problem.loc().size() - 1).equals(field));
    }

    private void problem(String field, String msg, String type) {
        problems.add(new Problem(List.of("body", field), msg, type));
    }

    private void failIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
