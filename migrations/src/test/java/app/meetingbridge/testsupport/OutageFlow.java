package app.meetingbridge.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work that keeps flowing through an outage: {@code step} runs again and again on a thread of its own, a
 * {@code pause} apart, for {@code around}; then the {@code proxy} to a service is cut for {@code outage} and restored
 * (restored whatever happens); the flow runs {@code around} more and stops. The sleeps are the flow's length and the
 * outage's length, not waits for a state: the caller waits for what it asserts afterwards.
 */
public final class OutageFlow {

    private OutageFlow() {
    }

    /** Returns when the flow began ({@link System#nanoTime()}), for the caller's figures. */
    public static long through(TcpProxy proxy, Duration around, Duration outage, Duration pause, String name,
                               Runnable step) throws IOException, InterruptedException {
        AtomicBoolean flowing = new AtomicBoolean(true);
        Thread flow = new Thread(() -> {
            while (flowing.get()) {
                step.run();
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        flow.start();
        long started = System.nanoTime();
        try {
            Thread.sleep(around.toMillis());
            proxy.cut();
            Thread.sleep(outage.toMillis());
        } finally {
            proxy.restore();
        }
        Thread.sleep(around.toMillis());
        flowing.set(false);
        flow.join();
        return started;
    }
}
