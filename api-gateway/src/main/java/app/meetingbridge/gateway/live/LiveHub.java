package app.meetingbridge.gateway.live;

import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.gateway.auth.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * This instance's live sockets, and the fan-out of every transcript event to them: a transcript's logged events to
 * the sockets following it ({@code ts:{id}} in Reflector's words), the owner's list events to the owner's
 * {@code /v1/events} sockets ({@code user:{id}}), and to the sockets of a caller who owns everything
 * ({@code AUTH_BACKEND=none}). Offering a message never blocks: each socket has its own bounded {@link Outlet},
 * written by a pool of {@code LIVE_SEND_THREADS} threads.
 */
@Component
class LiveHub implements DisposableBean {

    private final TranscriptEventRepository eventLog;
    private final LiveProperties properties;
    private final Map<String, Set<Follower>> transcripts = new ConcurrentHashMap<>();
    private final Map<String, Set<Outlet>> users = new ConcurrentHashMap<>();
    private final Set<Outlet> everything = ConcurrentHashMap.newKeySet();
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final AtomicLong departedPeak = new AtomicLong();
    private final Counter dropped;
    private final Counter received;
    private final ExecutorService background;

    LiveHub(TranscriptEventRepository eventLog, LiveProperties properties, MeterRegistry meters) {
        this.eventLog = eventLog;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor senders = new ThreadPoolExecutor(properties.sendThreads(), properties.sendThreads(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "live-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        senders.allowCoreThreadTimeOut(true);
        this.background = senders;
        this.dropped = Counter.builder("meetingbridge.live.dropped")
                .description("live sockets closed for falling behind").register(meters);
        this.received = Counter.builder("meetingbridge.live.events")
                .description("transcript events this instance received for its sockets").register(meters);
        Gauge.builder("meetingbridge.live.sockets", sockets, Map::size)
                .description("live sockets open on this instance").register(meters);
        Gauge.builder("meetingbridge.live.queued", this, LiveHub::queued)
                .description("characters waiting to go out on this instance's live sockets").register(meters);
    }

    /** Follows a transcript: subscribed first, then sent the stored log, then what came meanwhile and after. */
    void followTranscript(WebSocketSession session, String transcriptId) {
        Outlet outlet = outlet(session);
        Follower follower = new Follower(outlet);
        add(transcripts, transcriptId, follower);
        sockets.put(session.getId(), new Socket(outlet, () -> remove(transcripts, transcriptId, follower)));
        if (outlet.closed()) { // dropped before it was registered
            leave(session);
            return;
        }
        follower.replayed(eventLog.log(transcriptId));
    }

    /** Follows the caller's transcript list (every transcript's, for a caller who owns everything). */
    void followUser(WebSocketSession session, Caller caller) {
        Outlet outlet = outlet(session);
        if (caller.ownsEverything()) {
            everything.add(outlet);
            sockets.put(session.getId(), new Socket(outlet, () -> everything.remove(outlet)));
        } else {
            String userId = caller.userId();
            add(users, userId, outlet);
            sockets.put(session.getId(), new Socket(outlet, () -> remove(users, userId, outlet)));
        }
        if (outlet.closed()) {
            leave(session);
        }
    }

    /** The socket closed or was dropped: it follows nothing any more. */
    void leave(WebSocketSession session) {
        Socket socket = sockets.remove(session.getId());
        if (socket != null) {
            socket.unsubscribe().run();
            departedPeak.accumulateAndGet(socket.outlet().peak(), Math::max);
            socket.outlet().discard();
        }
    }

    /** One event, to every socket of this instance that follows it. */
    void dispatch(TranscriptEvent event) {
        received.increment();
        if (event.seq() != null) { // logged: the transcript's own sockets (the owner-only ones are not logged)
            Set<Follower> followers = transcripts.get(event.transcriptId());
            if (followers != null) {
                String message = LiveMessages.transcript(event.event(), event.dataJson());
                followers.forEach(follower -> follower.live(event.seq(), message));
            }
        }
        if (event.ownerId() == null && everything.isEmpty()) {
            return;
        }
        LiveMessages.user(event).ifPresent(message -> {
            if (event.ownerId() != null) {
                users.getOrDefault(event.ownerId(), Set.of()).forEach(outlet -> outlet.offer(message));
            }
            everything.forEach(outlet -> outlet.offer(message));
        });
    }

    int sockets() {
        return sockets.size();
    }

    long events() {
        return (long) received.count();
    }

    long dropped() {
        return (long) dropped.count();
    }

    /** Characters waiting now on all sockets. */
    long queued() {
        return sockets.values().stream().mapToLong(socket -> socket.outlet().queued()).sum();
    }

    /** The most characters that ever waited for one socket of this instance. */
    long largestQueue() {
        long open = sockets.values().stream().mapToLong(socket -> socket.outlet().peak()).max().orElse(0);
        return Math.max(open, departedPeak.get());
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }

    private Outlet outlet(WebSocketSession session) {
        return new Outlet(session, properties.sendBuffer().toBytes(), properties.sendTimeout().toNanos(),
                System::nanoTime, background, () -> {
                    dropped.increment();
                    leave(session);
                });
    }

    private static <T> void add(Map<String, Set<T>> index, String key, T value) {
        index.compute(key, (k, set) -> {
            Set<T> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(value);
            return members;
        });
    }

    private static <T> void remove(Map<String, Set<T>> index, String key, T value) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(value);
            return set.isEmpty() ? null : set;
        });
    }

    private record Socket(Outlet outlet, Runnable unsubscribe) {
    }
}
