package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.transcript.TranscriptAudio.RangeNotSatisfiable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request's {@code Range} header, as the object storage takes it. Only one {@code bytes=} range is honoured; any
 * other header (several ranges, another unit, no numbers) is ignored and the whole file served, as HTTP allows a
 * server to do.
 */
final class ByteRange {

    private static final Pattern SINGLE_RANGE = Pattern.compile("(?i)bytes=(?:(\\d+)-(\\d*)|-(\\d+))");

    private ByteRange() {
    }

    /**
     * The one byte range asked for, as S3 takes it, or null for the whole file (no {@code Range}, or one that is
     * not a single {@code bytes=} range). A range that ends before it starts, an empty suffix ({@code -0}) and a
     * start too large for a {@code long} are {@link RangeNotSatisfiable}; an end too large for a {@code long} is
     * past any file, so it is sent as "to the end", and such a suffix as the whole file (S3-compatible stores
     * differ on numbers near {@code Long.MAX_VALUE}).
     */
    static @Nullable String forStorage(@Nullable String range) {
        Matcher single = range == null ? null : SINGLE_RANGE.matcher(range.trim());
        if (single == null || !single.matches()) {
            return null;
        }
        if (single.group(3) != null) {
            Long suffix = asLong(single.group(3));
            if (suffix != null && suffix == 0) {
                throw new RangeNotSatisfiable();
            }
            return suffix == null ? null : "bytes=-" + suffix;
        }
        Long first = asLong(single.group(1));
        if (first == null) {
            throw new RangeNotSatisfiable();
        }
        Long last = single.group(2).isEmpty() ? null : asLong(single.group(2));
        if (last == null) {
            return "bytes=" + first + "-";
        }
        if (last < first) {
            throw new RangeNotSatisfiable();
        }
        return "bytes=" + first + "-" + last;
    }

    /** The number, or null when it is too large for a {@code long}. */
    private static @Nullable Long asLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
