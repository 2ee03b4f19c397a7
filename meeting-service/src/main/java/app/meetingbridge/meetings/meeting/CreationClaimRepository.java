package app.meetingbridge.meetings.meeting;

import static app.meetingbridge.db.Tables.MEETING_CREATION_CLAIM;

import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class CreationClaimRepository {

    private final DSLContext db;

    CreationClaimRepository(DSLContext db) {
        this.db = db;
    }

    /** Takes the room's creation claim unless someone holds a claim made after {@code staleBefore}. */
    boolean tryClaim(String roomId, String claimId, Instant now, Instant staleBefore) {
        return db.insertInto(MEETING_CREATION_CLAIM)
                .set(MEETING_CREATION_CLAIM.ROOM_ID, roomId)
                .set(MEETING_CREATION_CLAIM.CLAIM_ID, claimId)
                .set(MEETING_CREATION_CLAIM.CLAIMED_AT, now)
                .onConflict(MEETING_CREATION_CLAIM.ROOM_ID)
                .doUpdate()
                .set(MEETING_CREATION_CLAIM.CLAIM_ID, claimId)
                .set(MEETING_CREATION_CLAIM.CLAIMED_AT, now)
                .where(MEETING_CREATION_CLAIM.CLAIMED_AT.lt(staleBefore))
                .execute() > 0;
    }

    void release(String roomId, String claimId) {
        db.deleteFrom(MEETING_CREATION_CLAIM)
                .where(MEETING_CREATION_CLAIM.ROOM_ID.eq(roomId))
                .and(MEETING_CREATION_CLAIM.CLAIM_ID.eq(claimId))
                .execute();
    }
}
