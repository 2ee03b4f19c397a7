package app.meetingbridge.gateway.live;

import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;

import app.meetingbridge.gateway.live.Follower.Held;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** A transcript's stored event log, read for a socket that starts following it. */
@Repository
class TranscriptEventRepository {

    private final DSLContext db;

    TranscriptEventRepository(DSLContext db) {
        this.db = db;
    }

    /** Every logged event of the transcript, oldest first, as socket messages with their place in the log. */
    List<Held> log(String transcriptId) {
        return db.select(TRANSCRIPT_EVENT.ID, TRANSCRIPT_EVENT.EVENT, TRANSCRIPT_EVENT.DATA)
                .from(TRANSCRIPT_EVENT)
                .where(TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(transcriptId))
                .orderBy(TRANSCRIPT_EVENT.ID)
                .fetch(row -> new Held(row.value1(), LiveMessages.transcript(row.value2(), row.value3().data())));
    }
}
