package app.meetingbridge.gateway.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The way out to one socket: messages wait in order in a queue of at most {@code limit} characters and go out one
 * at a time from a pool thread, so the thread that offers them never waits on a client. A socket whose queue would
 * grow past the limit, or whose message in flight is older than the send timeout, is dropped: its queue is emptied
 * and the socket closed (by another thread); a write the client does not take fails after the send timeout, so a
 * stuck connection holds a pool thread no longer than that.
 */
final class Outlet {

    private static final Logger log = LoggerFactory.getLogger(Outlet.class);
    static final CloseStatus TOO_SLOW = CloseStatus.SESSION_NOT_RELIABLE.withReason("Too slow to keep up");
    /** Tomcat's limit on one blocking write, in milliseconds. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final WebSocketSession session;
    private final long limit;
    private final long sendTimeoutNanos;
    private final LongSupplier nanoTime;
    private final Executor background;
    private final Runnable onDrop;

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queued;
    private long peak;
    private boolean sending;
    private long sendingSince;
    private boolean closed;

    Outlet(WebSocketSession session, long limit, long sendTimeoutNanos, LongSupplier nanoTime, Executor background,
           Runnable onDrop) {
        this.session = session;
        jakarta.websocket.Session nativeSession = session instanceof NativeWebSocketSession n
                ? n.getNativeSession(jakarta.websocket.Session.class) : null;
        if (nativeSession != null) { // a write the client does not take fails after the send timeout
            nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, Math.max(1, sendTimeoutNanos / 1_000_000));
        }
        this.limit = limit;
        this.sendTimeoutNanos = sendTimeoutNanos;
        this.nanoTime = nanoTime;
        this.background = background;
        this.onDrop = onDrop;
    }

    /** Queues the message; false if the socket is (now) dropped. */
    boolean offer(String text) {
        String now;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (sending && nanoTime.getAsLong() - sendingSince > sendTimeoutNanos) {
                dropLocked("a message in flight for longer than the send timeout");
                return false;
            }
            if (queued + text.length() > limit) {
                dropLocked("more than " + limit + " characters waiting");
                return false;
            }
            queue.add(text);
            queued += text.length();
            peak = Math.max(peak, queued);
            if (sending) {
                return true;
            }
            now = next();
        }
        transmit(now);
        return true;
    }

    /** Characters waiting now. */
    synchronized long queued() {
        return queued;
    }

    /** The most characters that ever waited at once. */
    synchronized long peak() {
        return peak;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Drops the socket for the reason given (logged). */
    synchronized void drop(String why) {
        if (!closed) {
            dropLocked(why);
        }
    }

    /** The socket went away: nothing more is sent. */
    synchronized void discard() {
        closed = true;
        queue.clear();
        queued = 0;
    }

    /** Takes the next message to send (holding the lock), marking a send in flight. */
    private String next() {
        String text = queue.poll();
        queued -= text.length();
        sending = true;
        sendingSince = nanoTime.getAsLong();
        return text;
    }

    /** Sends on a pool thread, one message after the other, until the queue is empty. */
    private void transmit(String text) {
        background.execute(() -> drain(text));
    }

    private void drain(String first) {
        String text = first;
        while (text != null) {
            try {
                session.sendMessage(new TextMessage(text));
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (!closed) {
                        dropLocked("the send failed: " + e);
                    }
                }
                return;
            }
            synchronized (this) {
                if (closed || queue.isEmpty()) {
                    sending = false;
                    return;
                }
                text = next();
            }
        }
    }

    private void dropLocked(String why) {
        log.info("live socket {} dropped: {}", session.getId(), why);
        closed = true;
        queue.clear();
        queued = 0;
        background.execute(() -> {
            try {
                session.close(TOO_SLOW);
            } catch (IOException | RuntimeException e) {
                log.debug("closing live socket {}: {}", session.getId(), e.toString());
            }
        });
        onDrop.run();
    }
}
