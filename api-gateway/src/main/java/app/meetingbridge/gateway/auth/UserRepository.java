package app.meetingbridge.gateway.auth;

import static app.meetingbridge.db.Tables.APP_USER;

import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final DSLContext db;

    UserRepository(DSLContext db) {
        this.db = db;
    }

    /** Records a user on first sight (the identity provider owns the account; we keep its id). */
    void ensure(String userId, Instant at) {
        db.insertInto(APP_USER)
                .set(APP_USER.ID, userId)
                .set(APP_USER.AUTH_SUBJECT, userId)
                .set(APP_USER.CREATED_AT, at)
                .onConflictDoNothing()
                .execute();
    }
}
