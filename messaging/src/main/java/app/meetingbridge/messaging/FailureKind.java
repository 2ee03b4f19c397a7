package app.meetingbridge.messaging;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpResourceNotAvailableException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Why handling a message failed, as far as what to do with the message goes.
 *
 * <p>An {@link #OUTAGE} is the database or the broker not answering: nothing is wrong with the message, so it is
 * tried again for as long as the outage lasts and never counts toward its dead-letter limit. Anything else is a
 * {@link #FAULT}: the message, or what it asks for, failed, and it counts.
 *
 * <p>When the failure carries PostgreSQL's SQL state, the state decides, whatever Spring or jOOQ wrapped it in: class
 * 08 (connection refused or lost), 57P01–57P03 (the server shutting down or starting up), 53300 (no connection slot
 * left), and the states that pass by themselves (40001 serialization failure, 40P01 deadlock, 55P03 lock not
 * available, 57014 statement cancelled) are outages; every other state (a constraint, a value too long, a bad
 * statement) is the message's fault. Without a state the exception's type decides: Spring's
 * {@link DataAccessResourceFailureException}, {@link TransientDataAccessException},
 * {@link RecoverableDataAccessException} and {@link CannotCreateTransactionException}, JDBC's transient, recoverable
 * and connection exceptions (a connection pool that timed out), a commit or roll-back that failed on the connection
 * itself, and the broker refusing a connection, having no channel left, or not confirming in time. A roll-back that
 * failed after the work had met an outage is that outage.
 */
public enum FailureKind {

    /** The database or the broker did not answer: tried again until they do, never dead-lettered for it. */
    OUTAGE,
    /** Anything else: counts toward the message's limit, and dead-letters after it. */
    FAULT;

    private static final Set<String> PASSING_STATES = Set.of("53300", "57P01", "57P02", "57P03", "40001", "40P01",
            "55P03", "57014");
    /** How far down a chain of causes to look (a cycle or a pathological chain must not keep us). */
    private static final int DEEPEST = 32;

    /** What kind of failure {@code failure} is, looking at it and every cause under it. */
    public static FailureKind of(Throwable failure) {
        List<Throwable> causes = causes(failure);
        for (Throwable cause : causes) {
            // the work failed and rolling it back failed too: the work's own failure tells what happened
            if (cause instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && of(tx.getApplicationException()) == OUTAGE) {
                return OUTAGE;
            }
        }
        String state = sqlState(causes);
        if (state != null) {
            return outageState(state) ? OUTAGE : FAULT;
        }
        return causes.stream().anyMatch(FailureKind::unavailable) ? OUTAGE : FAULT;
    }

    /** Whether a SQL state says the database was away or refused for a moment. */
    static boolean outageState(String state) {
        return state.startsWith("08") || PASSING_STATES.contains(state);
    }

    /** The SQL state of the deepest SQL exception in the chain that has one: the database's own word. */
    private static @Nullable String sqlState(List<Throwable> causes) {
        String state = null;
        for (Throwable cause : causes) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().isBlank()) {
                state = sql.getSQLState();
            }
        }
        return state;
    }

    private static boolean unavailable(Throwable failure) {
        return failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessException
                || failure instanceof RecoverableDataAccessException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof AmqpConnectException
                || failure instanceof AmqpResourceNotAvailableException
                || failure instanceof AmqpTimeoutException
                // a commit or roll-back the connection itself failed (a closed connection says no state)
                || failure instanceof TransactionSystemException && failure.getCause() instanceof SQLException;
    }

    /** The failure and its causes, top down. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && causes.size() < DEEPEST && !causes.contains(cause);
             cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }
}
