package app.meetingbridge.system;

import app.meetingbridge.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** A direct connection to this run's schema, for arranging and checking what the services stored. */
final class SystemDatabase implements AutoCloseable {

    private final Connection connection;
    final DSLContext db;

    SystemDatabase() throws SQLException {
        var database = TestServices.database();
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
