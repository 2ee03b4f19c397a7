package app.meetingbridge.testsupport;

import app.meetingbridge.migrations.Migrate;
import java.io.IOException;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real PostgreSQL and RabbitMQ the tests talk to (never mocks of them): the machine's own when they answer on
 * 127.0.0.1, Testcontainers otherwise; {@code TEST_SERVICES=auto|local|containers} forces a choice. Each test
 * JVM isolates itself in its own freshly migrated schema and its own RabbitMQ virtual host, both removed when
 * the JVM exits, so two runs never collide.
 */
public final class TestServices {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final String RUN_ID = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"))
            + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));

    private static TestDatabase database;
    private static TestBroker broker;
    private static RabbitMQContainer brokerContainer;

    private TestServices() {
    }

    public static synchronized TestDatabase database() {
        if (database == null) {
            database = useLocal(5432) ? localDatabase() : containerDatabase();
            Migrate.migrate(database.url(), database.user(), database.password(), database.schema());
        }
        return database;
    }

    /**
     * A database of this run's own beside the shared one ({@code <prefix>_<run>}, in the same schema name, migrated,
     * dropped when the JVM exits), for a test that must tell its connections from other runs' in
     * {@code pg_stat_activity}, which names databases, not schemas.
     */
    public static TestDatabase ownDatabase(String prefix) {
        TestDatabase shared = database();
        String name = prefix + "_" + RUN_ID;
        URI server = URI.create(shared.baseUrl().substring("jdbc:".length()));
        String baseUrl = "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + name
                + (server.getQuery() == null ? "" : "?" + server.getQuery());
        try {
            execute(shared, "create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                executeOrWarn(shared, "drop database if exists " + name + " with (force)")));
        TestDatabase own = new TestDatabase(baseUrl, shared.user(), shared.password(), shared.schema());
        Migrate.migrate(own.url(), own.user(), own.password(), own.schema());
        return own;
    }

    public static synchronized TestBroker broker() {
        if (broker == null) {
            broker = useLocal(5672) ? localBroker() : containerBroker();
        }
        return broker;
    }

    /**
     * A virtual host of this run's own beside the shared one ({@code <prefix>_<run>}, removed when the JVM exits), for
     * a test whose consumers must be the only ones on their queues: the Spring contexts other tests of the JVM left
     * cached keep consuming the shared virtual host's queues.
     */
    public static TestBroker ownVirtualHost(String prefix) {
        TestBroker shared = broker();
        String vhost = prefix + "_" + RUN_ID;
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, shared.user(), ".*", ".*", ".*");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                rabbitmqctl("delete_vhost", vhost);
            } catch (RuntimeException e) {
                System.err.println("could not delete virtual host " + vhost + ": " + e.getMessage());
            }
        }));
        return new TestBroker(shared.host(), shared.port(), shared.user(), shared.password(), vhost);
    }

    /** Spring properties that point a service at this run's database and broker. */
    public static Map<String, String> springProperties() {
        TestDatabase db = database();
        TestBroker mq = broker();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", db.url());
        properties.put("spring.datasource.username", db.user());
        properties.put("spring.datasource.password", db.password());
        properties.put("spring.rabbitmq.host", mq.host());
        properties.put("spring.rabbitmq.port", String.valueOf(mq.port()));
        properties.put("spring.rabbitmq.username", mq.user());
        properties.put("spring.rabbitmq.password", mq.password());
        properties.put("spring.rabbitmq.virtual-host", mq.virtualHost());
        return properties;
    }

    /** The same settings as environment variables, for a service started as a process. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        springProperties().forEach((key, value) ->
                env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", ""), value));
        return env;
    }

    /**
     * This run's services for a Spring test context. Contexts stay cached side by side, so each keeps one idle
     * connection and closes the others after 10 s (PostgreSQL allows 100 in all); processes started from
     * {@link #environment()} run with their services' own pool settings.
     */
    public static void register(DynamicPropertyRegistry registry) {
        springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    /** A proxy in front of this run's broker, for tests that take the broker away. */
    public static TcpProxy brokerProxy() {
        try {
            return new TcpProxy(broker().host(), broker().port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This run's services, with the application reaching the broker through {@code proxy}. */
    public static void registerThroughBrokerProxy(DynamicPropertyRegistry registry, TcpProxy proxy) {
        register(registry);
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", proxy::port);
    }

    /** A proxy in front of this run's database, for tests that take the database away. */
    public static TcpProxy databaseProxy() {
        try {
            URI url = URI.create(database().baseUrl().substring("jdbc:".length()));
            return new TcpProxy(url.getHost(), url.getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This run's services, with the application reaching the database through {@code proxy}. */
    public static void registerThroughDatabaseProxy(DynamicPropertyRegistry registry, TcpProxy proxy) {
        registerThroughDatabaseProxy(registry, proxy, database());
    }

    /**
     * This run's services, with the application reaching {@code db} (a database of its own, {@link #ownDatabase}, on
     * the same server) through {@code proxy}.
     */
    public static void registerThroughDatabaseProxy(DynamicPropertyRegistry registry, TcpProxy proxy, TestDatabase db) {
        register(registry);
        URI url = URI.create(db.url().substring("jdbc:".length()));
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.getPath()
                + "?" + url.getQuery());
    }

    private static boolean useLocal(int port) {
        String mode = System.getenv().getOrDefault("TEST_SERVICES", System.getProperty("test.services", "auto"));
        return switch (mode) {
            case "local" -> true;
            case "containers" -> false;
            case "auto" -> answers(LOCAL_HOST, port);
            default -> throw new IllegalStateException("TEST_SERVICES must be auto, local or containers, not " + mode);
        };
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static TestDatabase localDatabase() {
        var db = new TestDatabase("jdbc:postgresql://" + LOCAL_HOST + ":5432/test", "postgres", "", "t_" + RUN_ID);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(db)));
        return db;
    }

    private static void dropSchema(TestDatabase db) {
        executeOrWarn(db, "drop schema if exists " + db.schema() + " cascade");
    }

    private static void executeOrWarn(TestDatabase db, String sql) {
        try {
            execute(db, sql);
        } catch (SQLException e) {
            System.err.println("could not " + sql + ": " + e.getMessage());
        }
    }

    private static void execute(TestDatabase db, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(db.baseUrl(), db.user(), db.password());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static TestDatabase containerDatabase() {
        var container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "t_" + RUN_ID);
    }

    private static TestBroker localBroker() {
        String vhost = "t_" + RUN_ID;
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> rabbitmqctl("delete_vhost", vhost)));
        return new TestBroker(LOCAL_HOST, 5672, "guest", "guest", vhost);
    }

    /** Runs rabbitmqctl where the broker is: on this machine, or in its container. */
    private static void rabbitmqctl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            String output;
            int exit;
            if (brokerContainer != null) {
                var result = brokerContainer.execInContainer(command);
                output = result.getStdout() + result.getStderr();
                exit = result.getExitCode();
            } else {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                output = new String(process.getInputStream().readAllBytes());
                exit = process.waitFor();
            }
            if (exit != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is needed to isolate tests in a virtual host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestBroker containerBroker() {
        var container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
        container.start();
        brokerContainer = container;
        return new TestBroker(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                container.getAdminPassword(), "/");
    }

    public record TestDatabase(String baseUrl, String user, String password, String schema) {
        public String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
    }

    public record TestBroker(String host, int port, String user, String password, String virtualHost) {
    }
}
