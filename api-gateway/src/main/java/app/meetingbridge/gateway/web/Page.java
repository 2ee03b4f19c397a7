package app.meetingbridge.gateway.web;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, in fastapi-pagination's shape: {@code {items, total, page, size, pages}}. */
public record Page<T>(List<T> items, int total, int page, int size, int pages) {

    public static <T> Page<T> of(List<T> items, int total, int page, int size) {
        return new Page<>(items, total, page, size, (total + size - 1) / size);
    }

    /** Where page {@code page} of {@code size} starts: a long, so page 2147483647 lies past every row, no overflow. */
    public static long offset(int page, int size) {
        return (page - 1L) * size;
    }

    /** 422 in FastAPI's shape for a page below 1 or a size outside 1..{@code maxSize}. */
    public static void validate(int page, int size, int maxSize) {
        if (page < 1) {
            throw InvalidRequestException.of(List.of("query", "page"), "Input should be greater than or equal to 1",
                    "greater_than_equal");
        }
        if (size < 1 || size > maxSize) {
            throw InvalidRequestException.of(List.of("query", "size"), "Input should be between 1 and " + maxSize,
                    "less_than_equal");
        }
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, page, size, pages);
    }
}
