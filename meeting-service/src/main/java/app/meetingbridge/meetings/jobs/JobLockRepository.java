package app.meetingbridge.meetings.jobs;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a scheduled job on one meeting-service instance at a time: the job runs inside a transaction holding a
 * PostgreSQL advisory lock named after it; an instance that cannot take the lock skips this round.
 */
@Repository
public class JobLockRepository {

    private final DSLContext db;
    private final TransactionTemplate transactions;

    JobLockRepository(DSLContext db, TransactionTemplate transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /** Runs {@code job} if no other instance is running it; true if it ran. */
    public boolean runExclusively(String name, Runnable job) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Boolean locked = db.select(DSL.field("pg_try_advisory_xact_lock(hashtext({0}))", Boolean.class, name))
                    .fetchSingle().value1();
            if (!Boolean.TRUE.equals(locked)) {
                return false;
            }
            job.run();
            return true;
        }));
    }
}
