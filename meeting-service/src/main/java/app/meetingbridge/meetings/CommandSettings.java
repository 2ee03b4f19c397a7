package app.meetingbridge.meetings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings of the service's command-line tools, bound as the running service binds them: from the given
 * environment over the service's {@code application.yml}, with its names, defaults and fallbacks, into the same
 * properties types, so a tool never keeps its own copy of a setting's name or default.
 */
public final class CommandSettings {

    private final Binder binder;

    private CommandSettings(Binder binder) {
        this.binder = binder;
    }

    /** The service's settings as they stand with {@code env} as the process environment. */
    public static CommandSettings of(Map<String, String> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(env)));
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("the service's application.yml could not be read", e);
        }
        return new CommandSettings(Binder.get(environment));
    }

    /** The settings under {@code prefix} as a {@code type} (a properties record or bean). */
    public <T> T bind(String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, type);
    }
}
