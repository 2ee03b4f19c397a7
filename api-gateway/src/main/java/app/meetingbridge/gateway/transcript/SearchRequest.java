package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A transcript search as asked for, checked as Reflector checks it: the query text with surrounding white space
 * removed (control characters are taken as spaces: they are no words, and PostgreSQL text cannot hold NUL) (empty or only white space: no text, every readable transcript newest first), at most
 * {@value #MAX_QUERY_LENGTH} characters; {@code limit} 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT});
 * {@code offset} from 0; {@code source_kind} one of Reflector's; {@code from} and {@code to} date-times with a time
 * zone, {@code from} not after {@code to}. Bad values are 422 in FastAPI's shape; {@code from} after {@code to} is 400.
 *
 * @param text the query text, null when there is none
 */
record SearchRequest(@Nullable String text, int limit, long offset, @Nullable String roomId,
                     @Nullable String sourceKind, @Nullable Instant from, @Nullable Instant to) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY_LENGTH = 500;
    static final List<String> SOURCE_KINDS = List.of("room", "live", "file");

    static SearchRequest of(@Nullable String q, @Nullable Integer limit, @Nullable Integer offset,
                            @Nullable String roomId, @Nullable String sourceKind, @Nullable String from,
                            @Nullable String to) {
        if (q == null) {
            throw InvalidRequestException.of(List.of("query", "q"), "Field required", "missing");
        }
        String text = q.replaceAll("\\p{Cntrl}", " ").strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            throw InvalidRequestException.of(List.of("query", "q"),
                    "String should have at most " + MAX_QUERY_LENGTH + " characters", "string_too_long");
        }
        int pageSize = limit == null ? DEFAULT_LIMIT : limit;
        if (pageSize < 1) {
            throw InvalidRequestException.of(List.of("query", "limit"), "Input should be greater than or equal to 1",
                    "greater_than_equal");
        }
        if (pageSize > MAX_LIMIT) {
            throw InvalidRequestException.of(List.of("query", "limit"),
                    "Input should be less than or equal to " + MAX_LIMIT, "less_than_equal");
        }
        long skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw InvalidRequestException.of(List.of("query", "offset"), "Input should be greater than or equal to 0",
                    "greater_than_equal");
        }
        String kind = sourceKind(sourceKind);
        Instant fromTime = dateTime("from", from);
        Instant toTime = dateTime("to", to);
        if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
            throw ApiException.badRequest("'from' must be less than or equal to 'to'");
        }
        return new SearchRequest(text.isEmpty() ? null : text, pageSize, skip,
                withoutNul("room_id", roomId), kind, fromTime, toTime);
    }

    /** The value; 422 if it holds a NUL character, which no stored text can (PostgreSQL would refuse the query). */
    static @Nullable String withoutNul(String name, @Nullable String value) {
        if (value != null && value.indexOf(0) >= 0) {
            throw InvalidRequestException.of(List.of("query", name), "String should not contain NUL characters",
                    "string_pattern_mismatch");
        }
        return value;
    }

    /** Reflector's {@code SourceKind}, or null when not given; 422 for another value. */
    static @Nullable String sourceKind(@Nullable String sourceKind) {
        if (sourceKind == null || SOURCE_KINDS.contains(sourceKind)) {
            return sourceKind;
        }
        throw InvalidRequestException.of(List.of("query", "source_kind"), "Input should be 'room', 'live' or 'file'",
                "enum");
    }

    /** An ISO 8601 date-time with its offset from UTC ({@code Z} or {@code +02:00}); one without is refused. */
    private static @Nullable Instant dateTime(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String iso = value.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                LocalDateTime.parse(iso);
            } catch (DateTimeParseException notADateTime) {
                throw InvalidRequestException.of(List.of("query", name), "Input should be a valid datetime",
                        "datetime_parsing");
            }
            throw InvalidRequestException.of(List.of("query", name), "Input should have timezone info",
                    "timezone_aware");
        }
    }
}
