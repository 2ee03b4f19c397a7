package app.meetingbridge.gateway.webhook;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Times as providers send them: Unix seconds as integers or floats, milliseconds, or ISO-8601 strings. */
public final class WebhookTimes {

    private static final double MILLIS_THRESHOLD = 1e11;

    private WebhookTimes() {
    }

    public static @Nullable Instant read(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return fromNumber(value.doubleValue());
        }
        if (value.isString()) {
            return parse(value.stringValue());
        }
        return null;
    }

    public static @Nullable Instant parse(String text) {
        try {
            return fromNumber(Double.parseDouble(text.trim()));
        } catch (NumberFormatException notANumber) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
    }

    private static Instant fromNumber(double number) {
        double millis = number >= MILLIS_THRESHOLD ? number : number * 1000;
        return Instant.ofEpochMilli(Math.round(millis));
    }
}
