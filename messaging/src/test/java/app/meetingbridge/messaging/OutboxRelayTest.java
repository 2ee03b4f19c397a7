package app.meetingbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;

class OutboxRelayTest {

    static final ReturnedMessage NO_ROUTE = new ReturnedMessage(new Message(new byte[0], new MessageProperties()), 312,
            "NO_ROUTE", Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY);

    @Test
    void aConfirmedMessageThatAQueueTookIsSent() {
        assertThat(OutboxRelay.outcome(true, null, Topology.RECORDING_READY)).isEqualTo(OutboxRelay.Outcome.SENT);
    }

    @Test
    void aConfirmedMessageThatNoQueueTookStaysUnsent() {
        assertThat(OutboxRelay.outcome(true, NO_ROUTE, Topology.RECORDING_READY))
                .isEqualTo(OutboxRelay.Outcome.UNROUTED);
    }

    @Test
    void aFactNothingOfOursConsumesIsSentOnceConfirmedTakenOrNot() {
        assertThat(OutboxRelay.outcome(true, NO_ROUTE, Topology.MEETING_CREATED)).isEqualTo(OutboxRelay.Outcome.SENT);
    }

    @Test
    void aMessageTheBrokerDidNotConfirmStaysUnsentWhateverCameBack() {
        assertThat(OutboxRelay.outcome(false, null, Topology.RECORDING_READY))
                .isEqualTo(OutboxRelay.Outcome.UNCONFIRMED);
        assertThat(OutboxRelay.outcome(false, NO_ROUTE, Topology.MEETING_CREATED))
                .isEqualTo(OutboxRelay.Outcome.UNCONFIRMED);
    }

    @Test
    void triesAMessageAgainAfterPausesDoublingFromThePollIntervalUpToTheLongest() {
        OutboxProperties properties = new OutboxProperties(Duration.ofMillis(500), 100, Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        assertThat(OutboxRelay.pauseAfter(properties, 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(OutboxRelay.pauseAfter(properties, 2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboxRelay.pauseAfter(properties, 5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(OutboxRelay.pauseAfter(properties, 6)).isEqualTo(Duration.ofSeconds(10));
        assertThat(OutboxRelay.pauseAfter(properties, 1000)).isEqualTo(Duration.ofSeconds(10));
    }
}
