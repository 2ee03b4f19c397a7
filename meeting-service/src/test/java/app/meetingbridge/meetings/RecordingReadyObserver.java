package app.meetingbridge.meetings;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.messaging.WireFormat;
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

    /** Every announcement from the first (waiting up to {@code millis} for it) until a second passes without one. */
    public List<RecordingReady> all(long millis) {
        List<RecordingReady> seen = new ArrayList<>();
        for (RecordingReady ready = next(millis); ready != null; ready = next(1000)) {
            seen.add(ready);
        }
        return seen;
    }

    @Override
    public void close() {
        admin.deleteQueue(queue.getName());
    }
}
