package app.meetingbridge.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.live.Follower.Held;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** One socket's queue and its hand-over from the stored log to live events, without a server. */
class OutletTest {

    final List<String> written = new ArrayList<>();
    final List<CloseStatus> closes = new ArrayList<>();
    final List<Runnable> pending = new ArrayList<>();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicLong now = new AtomicLong();

    WebSocketSession session() {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendMessage" -> {
                        written.add(((TextMessage) args[0]).getPayload());
                        yield null;
                    }
                    case "close" -> {
                        closes.add(args == null ? CloseStatus.NORMAL : (CloseStatus) args[0]);
                        yield null;
                    }
                    case "getId" -> "s1";
                    default -> null;
                });
    }

    /** Writes at once, on the offering thread. */
    Outlet writing(long limit) {
        return new Outlet(session(), limit, 1_000, now::get, Runnable::run, drops::incrementAndGet);
    }

    /** Never gets to write: the first message stays in flight. */
    Outlet stuck(long limit) {
        return new Outlet(session(), limit, 1_000, now::get, pending::add, drops::incrementAndGet);
    }

    @Test
    void sendsEveryMessageInTheOrderOffered() {
        Outlet outlet = writing(100);
        for (int i = 0; i < 5; i++) {
            assertThat(outlet.offer("m" + i)).isTrue();
        }
        assertThat(written).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(outlet.queued()).isZero();
    }

    @Test
    void dropsTheSocketOnceMoreThanItsLimitWouldWaitAndKeepsNoMore() {
        Outlet outlet = stuck(1_000);
        String message = "x".repeat(400);

        assertThat(outlet.offer(message)).isTrue(); // in flight
        assertThat(outlet.offer(message)).isTrue();
        assertThat(outlet.offer(message)).isTrue();
        assertThat(outlet.offer(message)).isFalse();

        assertThat(drops).hasValue(1);
        assertThat(outlet.closed()).isTrue();
        assertThat(outlet.queued()).isZero();
        assertThat(outlet.peak()).isLessThanOrEqualTo(1_000);
        assertThat(outlet.offer("more")).isFalse();
        pending.get(pending.size() - 1).run(); // the close, handed to another thread
        assertThat(closes).containsExactly(Outlet.TOO_SLOW);
    }

    @Test
    void dropsTheSocketWhoseMessageWaitedLongerThanTheSendTimeout() {
        Outlet outlet = stuck(1_000);
        assertThat(outlet.offer("first")).isTrue();
        now.addAndGet(999);
        assertThat(outlet.offer("second")).isTrue();
        now.addAndGet(2);

        assertThat(outlet.offer("third")).isFalse();
        assertThat(drops).hasValue(1);
    }

    @Test
    void aSocketGetsTheLogThenWhatCameMeanwhileAndAfterEachOnce() {
        Follower follower = new Follower(writing(10_000));

        follower.live(2L, "e2"); // arrived while the log was read, and is in it
        follower.live(3L, "e3"); // arrived while the log was read, committed after it was read
        follower.replayed(List.of(new Held(1L, "e1"), new Held(2L, "e2")));
        follower.live(3L, "e3"); // the same event again
        follower.live(4L, "e4");
        follower.live(null, "unlogged");

        assertThat(written).containsExactly("e1", "e2", "e3", "e4", "unlogged");
    }

    @Test
    void aSocketThatFallsTooFarBehindWhileItsLogIsReadIsDropped() {
        Outlet outlet = writing(10_000);
        Follower follower = new Follower(outlet);
        for (long seq = 1; seq <= Follower.MAX_HELD + 1; seq++) {
            follower.live(seq, "e");
        }
        assertThat(outlet.closed()).isTrue();
        assertThat(drops).hasValue(1);
    }
}
