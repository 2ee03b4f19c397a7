package app.meetingbridge.zulip;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's Zulip: the realm ({@code ZULIP_REALM}, a bare host such as {@code chat.example.org}, then
 * {@code https://} is meant, or a full URL with scheme and maybe a path, such as
 * {@code https://example.org/zulip}), the bot's email ({@code ZULIP_BOT_EMAIL}) and API key ({@code ZULIP_API_KEY}).
 * Zulip is off unless all three are set. {@code uiBaseUrl} ({@code UI_BASE_URL}) is where the frontend is, for the
 * link to a transcript; {@code timeout} bounds each whole exchange with Zulip, and at most {@code maxAnswerBytes} of an
 * answer are read. The API key never appears in {@link #toString()}.
 */
@ConfigurationProperties("app.zulip")
public record ZulipProperties(@Nullable String realm, @Nullable String botEmail, @Nullable String apiKey,
                              String uiBaseUrl, Duration timeout, int maxAnswerBytes) {

    public ZulipProperties {
        realm = blankToNull(realm);
        botEmail = blankToNull(botEmail);
        apiKey = blankToNull(apiKey);
        uiBaseUrl = uiBaseUrl == null || uiBaseUrl.isBlank() ? "http://localhost:3000"
                : uiBaseUrl.strip().replaceAll("/+$", "");
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxAnswerBytes = maxAnswerBytes <= 0 ? 4 * 1024 * 1024 : maxAnswerBytes;
    }

    /** Zulip off: no realm, bot or key given. */
    public static ZulipProperties off() {
        return new ZulipProperties(null, null, null, null, null, 0);
    }

    /** Realm, bot email and API key are all set. */
    public boolean configured() {
        return realm != null && botEmail != null && apiKey != null;
    }

    /**
     * The base of Zulip's REST API, {@code {realm}/api/v1}: a bare host gets {@code https://}; a URL keeps its scheme,
     * port and path (without a trailing slash).
     *
     * @throws IllegalStateException when Zulip is not configured or the realm is not a usable http(s) address
     */
    public URI apiBase() {
        if (realm == null) {
            throw new IllegalStateException("ZULIP_REALM is not set");
        }
        String base = realm.contains("://") ? realm : "https://" + realm;
        base = base.replaceAll("/+$", "");
        try {
            URI uri = new URI(base + "/api/v1");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalStateException("ZULIP_REALM is not a host name or an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("ZULIP_REALM is not a host name or an http(s) URL");
        }
    }

    @Override
    public String toString() {
        return "ZulipProperties[realm=" + realm + ", botEmail=" + botEmail + ", apiKey="
                + (apiKey == null ? "unset" : "(set)") + ", uiBaseUrl=" + uiBaseUrl + ", timeout=" + timeout
                + ", maxAnswerBytes=" + maxAnswerBytes + "]";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
