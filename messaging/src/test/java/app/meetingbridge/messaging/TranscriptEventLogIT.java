package app.meetingbridge.messaging;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.testsupport.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TranscriptEventLog} on the real database and broker: an appended event is the transcript's next row and
 * goes out with its place in the log once the transaction commits, in the order of the log, an announced one goes
 * out without a row, and nothing of a transaction that rolled back goes anywhere.
 */
@SpringBootTest(classes = TranscriptEventLogIT.App.class, properties = {
        "spring.jooq.sql-dialect=postgres", "spring.rabbitmq.publisher-confirm-type=correlated",
        "spring.rabbitmq.publisher-returns=true", "spring.rabbitmq.template.mandatory=true"})
class TranscriptEventLogIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @Autowired
    TranscriptEventLog events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DSLContext db;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    Queue sent;

    @BeforeEach
    void listen() {
        // not exclusive: polled by whichever connection the template takes
        sent = new Queue("transcript-events.test." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(sent);
        admin.declareBinding(BindingBuilder.bind(sent).to(new TopicExchange(Topology.TRANSCRIPTS_EXCHANGE))
                .with(Topology.TRANSCRIPT_EVENT));
    }

    @Test
    void anAppendedEventIsTheTranscriptsNextRowAndGoesOutWithItsPlaceInTheLog() throws Exception {
        String id = transcript();

        List<Long> seqs = transactions.execute(status -> List.of(
                events.append(id, "alice", "STATUS", Map.of("value", "processing")),
                events.append(id, "alice", "DURATION", Map.of("duration", 2500))));

        assertThat(seqs.get(1)).isGreaterThan(seqs.get(0));
        assertThat(db.select(TRANSCRIPT_EVENT.ID, TRANSCRIPT_EVENT.EVENT).from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(id)).orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(row -> row.value1() + " " + row.value2()))
                .containsExactly(seqs.get(0) + " STATUS", seqs.get(1) + " DURATION");
        List<Message> messages = receive(2);
        TranscriptEvent first = WireFormat.json().readValue(messages.get(0).getBody(), TranscriptEvent.class);
        TranscriptEvent second = WireFormat.json().readValue(messages.get(1).getBody(), TranscriptEvent.class);
        assertThat(first.seq()).isEqualTo(seqs.get(0));
        assertThat(first.transcriptId()).isEqualTo(id);
        assertThat(first.ownerId()).isEqualTo("alice");
        assertThat(first.event()).isEqualTo("STATUS");
        assertThat(WireFormat.json().readTree(first.dataJson()))
                .isEqualTo(WireFormat.json().readTree("{\"value\":\"processing\"}"));
        assertThat(first.eventId()).isEqualTo("transcript-event:" + seqs.get(0));
        assertThat(second.seq()).isEqualTo(seqs.get(1));
        assertThat(messages.get(0).getMessageProperties().getHeaders().get(WireFormat.TYPE_HEADER))
                .isEqualTo(Topology.TRANSCRIPT_EVENT);
    }

    @Test
    void manyEventsOfOneTransactionGoOutInTheOrderTheyWereLogged() throws Exception {
        String id = transcript();

        List<Long> seqs = transactions.execute(status -> {
            List<Long> logged = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                logged.add(events.append(id, "alice", "DURATION", Map.of("duration", i)));
            }
            return logged;
        });

        List<Long> received = new ArrayList<>();
        for (Message message : receive(100)) {
            received.add(WireFormat.json().readValue(message.getBody(), TranscriptEvent.class).seq());
        }
        assertThat(received).containsExactlyElementsOf(seqs);
    }

    @Test
    void anAnnouncedEventGoesOutWithoutARow() throws Exception {
        String id = transcript();

        transactions.executeWithoutResult(status -> events.announce(id, "alice", "TRANSCRIPT_CREATED",
                Map.of("id", id)));

        TranscriptEvent created = WireFormat.json().readValue(receive(1).get(0).getBody(), TranscriptEvent.class);
        assertThat(created.seq()).isNull();
        assertThat(created.event()).isEqualTo("TRANSCRIPT_CREATED");
        assertThat(created.dataJson()).isEqualTo("{\"id\":\"" + id + "\"}");
        assertThat(db.fetchCount(TRANSCRIPT_EVENT, TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(id))).isZero();
    }

    @Test
    void nothingOfATransactionThatRolledBackIsLoggedOrSent() throws Exception {
        String id = transcript();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            events.append(id, "alice", "STATUS", Map.of("value", "error"));
            events.announce(id, "alice", "TRANSCRIPT_DELETED", Map.of("id", id));
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        transactions.executeWithoutResult(status -> events.append(id, "alice", "STATUS", Map.of("value", "ended")));

        // the broker delivers in order: what comes first is the event committed after the rollback
        TranscriptEvent first = WireFormat.json().readValue(receive(1).get(0).getBody(), TranscriptEvent.class);
        assertThat(first.dataJson()).isEqualTo("{\"value\":\"ended\"}");
        assertThat(db.fetchCount(TRANSCRIPT_EVENT, TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(id))).isEqualTo(1);
    }

    List<Message> receive(int count) throws InterruptedException {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (messages.size() < count) {
            assertThat(System.nanoTime()).as("%d messages within 60 s", count).isLessThan(deadline);
            Message message = rabbit.receive(sent.getName(), 200);
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    String transcript() {
        String recording = UUID.randomUUID().toString();
        db.insertInto(RECORDING).set(RECORDING.ID, recording).set(RECORDING.PLATFORM, "daily")
                .set(RECORDING.PROVIDER_RECORDING_ID, recording).set(RECORDING.RECORDING_TYPE, "cloud")
                .set(RECORDING.BUCKET_NAME, "b").set(RECORDING.OBJECT_KEY, "k").set(RECORDING.RECORDED_AT, Instant.now())
                .set(RECORDING.STATE, "done").execute();
        String id = UUID.randomUUID().toString();
        db.insertInto(TRANSCRIPT).set(TRANSCRIPT.ID, id).set(TRANSCRIPT.RECORDING_ID, recording)
                .set(TRANSCRIPT.USER_ID, "alice").set(TRANSCRIPT.STATUS, "processing")
                .set(TRANSCRIPT.SHARE_MODE, "private").set(TRANSCRIPT.CREATED_AT, Instant.now()).execute();
        return id;
    }
}
