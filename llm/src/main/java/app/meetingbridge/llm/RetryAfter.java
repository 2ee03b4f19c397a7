package app.meetingbridge.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The pause a server asks for in {@code Retry-After}: a number of seconds ({@code 2}, {@code 1.5}) or an HTTP date
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}, taken against the clock; a date already past is no pause). Also
 * {@code retry-after-ms}, which OpenAI's servers send, when given.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static Optional<Duration> parse(@Nullable String retryAfter, @Nullable String retryAfterMs, Clock clock) {
        if (retryAfterMs != null) {
            try {
                double millis = Double.parseDouble(retryAfterMs.strip());
                if (millis >= 0 && Double.isFinite(millis)) {
                    return Optional.of(Duration.ofMillis(Math.round(millis)));
                }
            } catch (NumberFormatException notANumber) {
                // fall back to Retry-After
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
