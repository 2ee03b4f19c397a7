package app.meetingbridge.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;

/**
 * Migrates the database named by {@code SPRING_DATASOURCE_URL/USERNAME/PASSWORD} and exits. The services
 * never migrate by themselves; operators and docker-compose run this first.
 */
public final class Migrate {

    private Migrate() {
    }

    public static void main(String[] args) {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("SPRING_DATASOURCE_URL is not set: it names the database to migrate (jdbc:postgresql://host:5432/db)");
            System.exit(2);
        }
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        try {
            MigrateResult result = migrate(url, user, password, null);
            System.out.printf("migrated %s: %d migration(s) applied, schema now at version %s%n",
                    url, result.migrationsExecuted, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        } catch (RuntimeException e) {
            System.err.println("migration failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Migrates the given database; with a schema, into that schema (created if missing). */
    public static MigrateResult migrate(String url, String user, String password, @Nullable String schema) {
        var config = Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration");
        if (schema != null) {
            config = config.schemas(schema).createSchemas(true);
        }
        return config.load().migrate();
    }
}
