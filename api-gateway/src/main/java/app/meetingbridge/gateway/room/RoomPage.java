package app.meetingbridge.gateway.room;

import java.util.List;
import java.util.function.Function;

/** One page of a listing, in fastapi-pagination's shape: {@code {items, total, page, size, pages}}. */
record RoomPage<T>(List<T> items, int total, int page, int size, int pages) {

    static <T> RoomPage<T> of(List<T> items, int total, int page, int size) {
        return new RoomPage<>(items, total, page, size, (total + size - 1) / size);
    }

    <R> RoomPage<R> map(Function<T, R> mapper) {
        return new RoomPage<>(items.stream().map(mapper).toList(), total, page, size, pages);
    }
}
