package app.meetingbridge.messaging;

import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.transcript.TranscriptEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * Where every service tells the live sockets what happened to a transcript, inside the transaction that made it
 * happen. {@link #append} writes the transcript's event log and sends the event; {@link #announce} only sends (the
 * owner-only {@code TRANSCRIPT_CREATED} / {@code TRANSCRIPT_DELETED}, which a transcript's own log does not keep).
 * {@code data} is the socket message's {@code data} object: a record or map, written as the wire's JSON.
 */
public class TranscriptEventLog {

    private final DSLContext db;
    private final Outbox outbox;
    private final Clock clock;

    TranscriptEventLog(DSLContext db, Outbox outbox, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Logs the event as the transcript's next and sends it; returns its place in the log. */
    public long append(String transcriptId, @Nullable String ownerId, String event, Object data) {
        String dataJson = WireFormat.json().writeValueAsString(data);
        Instant now = clock.instant();
        long seq = db.insertInto(TRANSCRIPT_EVENT)
                .set(TRANSCRIPT_EVENT.TRANSCRIPT_ID, transcriptId)
                .set(TRANSCRIPT_EVENT.EVENT, event)
                .set(TRANSCRIPT_EVENT.DATA, JSONB.valueOf(dataJson))
                .set(TRANSCRIPT_EVENT.CREATED_AT, now)
                .returning(TRANSCRIPT_EVENT.ID).fetchSingle(TRANSCRIPT_EVENT.ID);
        send(new TranscriptEvent("transcript-event:" + seq, now, seq, transcriptId, ownerId, event, dataJson));
        return seq;
    }

    /** Sends an event to the owner's sockets without logging it. */
    public void announce(String transcriptId, @Nullable String ownerId, String event, Object data) {
        String eventId = "transcript-event:" + UUID.randomUUID();
        send(new TranscriptEvent(eventId, clock.instant(), null, transcriptId, ownerId, event,
                WireFormat.json().writeValueAsString(data)));
    }

    private void send(TranscriptEvent event) {
        outbox.add(event.eventId(), Topology.TRANSCRIPTS_EXCHANGE, Topology.TRANSCRIPT_EVENT, event);
    }
}
