package app.meetingbridge.gateway.web;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many requests a key may make in a period, written {@code permits/period} as in {@code 10/1m}, {@code 5/30s}
 * or {@code 100/1h}. Permits come back gradually over the period (a token bucket), not all at once.
 */
public record Rate(int permits, Duration period) {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*(ms|s|m|h|d)\\s*");

    public Rate {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate needs at least one permit");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive period");
        }
    }

    public static Rate parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a rate is written permits/period, as 10/1m, 5/30s or 100/1h; not " + text);
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration period = switch (matcher.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new Rate(Integer.parseInt(matcher.group(1)), period);
    }

    @Override
    public String toString() {
        return permits + "/" + period.toSeconds() + "s";
    }
}
