package app.meetingbridge.gateway.auth;

import static app.meetingbridge.db.Tables.USER_API_KEY;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private final DSLContext db;

    ApiKeyRepository(DSLContext db) {
        this.db = db;
    }

    void insert(ApiKey key, String keyHash) {
        db.insertInto(USER_API_KEY)
                .set(USER_API_KEY.ID, key.id())
                .set(USER_API_KEY.USER_ID, key.userId())
                .set(USER_API_KEY.NAME, key.name())
                .set(USER_API_KEY.KEY_HASH, keyHash)
                .set(USER_API_KEY.CREATED_AT, key.createdAt())
                .execute();
    }

    /** The user's keys, newest first. */
    List<ApiKey> findByUserId(String userId) {
        return db.select(USER_API_KEY.ID, USER_API_KEY.USER_ID, USER_API_KEY.NAME, USER_API_KEY.CREATED_AT)
                .from(USER_API_KEY)
                .where(USER_API_KEY.USER_ID.eq(userId))
                .orderBy(USER_API_KEY.CREATED_AT.desc(), USER_API_KEY.ID)
                .fetch(row -> new ApiKey(row.value1(), row.value2(), row.value3(), row.value4()));
    }

    Optional<String> findUserIdByHash(String keyHash) {
        return db.select(USER_API_KEY.USER_ID).from(USER_API_KEY)
                .where(USER_API_KEY.KEY_HASH.eq(keyHash))
                .fetchOptional(USER_API_KEY.USER_ID);
    }

    /** Deletes the key if it is the user's; false when there is no such key of theirs. */
    boolean delete(String keyId, String userId) {
        return db.deleteFrom(USER_API_KEY)
                .where(USER_API_KEY.ID.eq(keyId).and(USER_API_KEY.USER_ID.eq(userId)))
                .execute() > 0;
    }
}
