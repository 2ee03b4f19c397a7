package app.meetingbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class FailureKindTest {

    static SQLException postgres(String message, String state) {
        return new SQLException(message, state);
    }

    @Test
    void aRefusedConnectionIsAnOutageHoweverItIsWrapped() {
        SQLException refused = postgres("Connection to 127.0.0.1:5432 refused", "08001");
        refused.initCause(new ConnectException("Connection refused"));

        assertThat(FailureKind.of(refused)).isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refused)))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new org.jooq.exception.DataAccessException("SQL [select 1]", refused)))
                .isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void aConnectionLostMidStatementOrAtCommitIsAnOutage() {
        SQLException lost = postgres("An I/O error occurred while sending to the backend.", "08006");

        assertThat(FailureKind.of(new SQLStateSQLExceptionTranslator().translate("insert", "insert …", lost)))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new TransactionSystemException("Could not commit JDBC transaction", lost)))
                .isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void aRollBackThatFailedOnTheConnectionTheOutageBrokeIsThatOutage() {
        // Hikari hands out a closed stand-in for a broken connection; it fails without a SQL state
        TransactionSystemException rollBack = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollBack.initApplicationException(new org.jooq.exception.DataAccessException("SQL [insert …]",
                postgres("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(FailureKind.of(rollBack)).isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void aCommitThatFailedOnAClosedConnectionIsAnOutageButOneTheDatabaseRefusedIsAFault() {
        assertThat(FailureKind.of(new TransactionSystemException("JDBC commit failed",
                new SQLException("Connection is closed")))).isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new TransactionSystemException("JDBC commit failed",
                postgres("insert or update violates foreign key constraint", "23503")))).isEqualTo(FailureKind.FAULT);
    }

    @Test
    void aConnectionPoolThatTimedOutIsAnOutage() {
        var timedOut = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 2000ms.");

        assertThat(FailureKind.of(timedOut)).isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                timedOut))).isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void aServerShuttingDownStartingUpOrOutOfConnectionSlotsIsAnOutage() {
        assertThat(FailureKind.of(postgres("terminating connection due to administrator command", "57P01")))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(postgres("the database system is starting up", "57P03")))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(postgres("sorry, too many clients already", "53300")))
                .isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void failuresThatPassBySpringsTransientAndResourceFailuresAreOutages() {
        assertThat(FailureKind.of(new DeadlockLoserDataAccessException("deadlock detected",
                postgres("deadlock detected", "40P01")))).isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new QueryTimeoutException("timed out"))).isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new DataAccessResourceFailureException("no database"))).isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void aBrokerRefusingTheConnectionIsAnOutage() {
        assertThat(FailureKind.of(new AmqpConnectException(new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.OUTAGE);
        assertThat(FailureKind.of(new org.springframework.amqp.AmqpTimeoutException("not confirmed")))
                .isEqualTo(FailureKind.OUTAGE);
    }

    @Test
    void whatTheDatabaseRefusesInTheMessageIsAFaultEvenWhereSpringCallsItAResourceFailure() {
        SQLException duplicate = postgres("duplicate key value violates unique constraint", "23505");
        SQLException tooComplex = postgres("statement is too complex", "54001");

        assertThat(FailureKind.of(new DataIntegrityViolationException("duplicate", duplicate)))
                .isEqualTo(FailureKind.FAULT);
        assertThat(FailureKind.of(new BadSqlGrammarException("select", "select nope", postgres("syntax", "42601"))))
                .isEqualTo(FailureKind.FAULT);
        // Spring translates class 54 (a program limit) to a resource failure; the state says it is the statement's
        assertThat(FailureKind.of(new DataAccessResourceFailureException("limit", tooComplex)))
                .isEqualTo(FailureKind.FAULT);
    }

    @Test
    void aMessageThatCannotBeReadOrBreaksARuleIsAFault() {
        JacksonException unreadable = org.junit.jupiter.api.Assertions.assertThrows(JacksonException.class,
                () -> JsonMapper.builder().build().readTree("{not json"));

        assertThat(FailureKind.of(unreadable)).isEqualTo(FailureKind.FAULT);
        assertThat(FailureKind.of(new IllegalArgumentException("a session needs its id"))).isEqualTo(FailureKind.FAULT);
        assertThat(FailureKind.of(new IllegalStateException("wrapped", new NullPointerException())))
                .isEqualTo(FailureKind.FAULT);
        assertThat(FailureKind.of(new AmqpException("the broker refused the dead letter")))
                .isEqualTo(FailureKind.FAULT);
    }

    @Test
    void aCauseThatIsItsOwnCauseEndsTheSearch() {
        RuntimeException selfish = new RuntimeException("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertThat(FailureKind.of(selfish)).isEqualTo(FailureKind.FAULT);
    }
}
