package app.meetingbridge.meetings;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.messaging.WireFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** A queue of its own on {@code recording.ready}, for tests that check what meeting-service announced. */
public final class RecordingReadyObserver implements AutoCloseable {

    /** How long to wait for an announcement that must come: generous, the machine may be busy with other builds. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RabbitAdmin admin;
    private final RabbitTemplate rabbit;
    private final Queue queue = new Queue("test.ready." + UUID.randomUUID(), false, false, false);

    public RecordingReadyObserver(RabbitAdmin admin, RabbitTemplate rabbit) {
        this.admin = admin;
        this.rabbit = rabbit;
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(new TopicExchange(Topology.RECORDINGS_EXCHANGE))
                .with(Topology.RECORDING_READY));
    }

    /** The next announcement, waiting up to {@code millis} (0: only what is there now); null if none came. */
    public RecordingReady next(long millis) {
        Message message = millis <= 0 ? rabbit.receive(queue.getName()) : rabbit.receive(queue.getName(), millis);
        return message == null ? null : (RecordingReady) WireFormat.messageConverter().fromMessage(message);
    }

    /** The next {@code count} announcements, waiting up to {@link #PATIENCE} for each; fails when one does not come. */
    public List<RecordingReady> next(int count) {
        List<RecordingReady> seen = new ArrayList<>();
        while (seen.size() < count) {
            RecordingReady ready = next(PATIENCE.toMillis());
            if (ready == null) {
                throw new AssertionError("expected " + count + " announcements within " + PATIENCE + " each, got " + seen);
            }
            seen.add(ready);
        }
        return seen;
    }

    /**
     * Whatever is still to be announced of what the outbox holds now. Instead of waiting for a quiet second, it has a
     * recording of its own (a sentinel) announced through the provider events and returns what came before it: the
     * outbox relays in the order it was written, so once the sentinel is announced, all written before it has been.
     */
    public List<RecordingReady> remaining() {
        String sentinel = "sentinel-" + UUID.randomUUID();
        rabbit.convertAndSend(Topology.PROVIDER_EVENTS_EXCHANGE, Topology.RECORDING_FINISHED, new RecordingFinished(
                "rf-" + sentinel, Instant.now(), Platform.MOCK, "no-such-room-" + sentinel, sentinel,
                RecordingReady.Kind.CLOUD, Instant.now(), 1, "sentinels/" + sentinel, List.of()));
        List<RecordingReady> before = new ArrayList<>();
        for (RecordingReady ready = next(PATIENCE.toMillis()); ; ready = next(PATIENCE.toMillis())) {
            if (ready == null) {
                throw new AssertionError("the sentinel recording " + sentinel + " was not announced within " + PATIENCE
                        + "; before it came " + before);
            }
            if (ready.providerRecordingId().equals(sentinel)) {
                return before;
            }
            before.add(ready);
        }
    }

    @Override
    public void close() {
        admin.deleteQueue(queue.getName());
    }
}
