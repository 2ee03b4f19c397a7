package app.meetingbridge.meetings.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.mock.MockVideoProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    static VideoProvider mock() {
        return new MockVideoProvider(new app.meetingbridge.meetings.provider.mock.MockProperties(
                java.net.URI.create("http://localhost:1250/mock/rooms/")));
    }

    @Test
    void refusesToStartWhenTheDefaultPlatformIsNotConfiguredAndNamesTheSetting() {
        assertThatThrownBy(() -> new Providers(List.of(mock()), new ProviderProperties(Platform.DAILY, false, Set.of()),
                new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DEFAULT_VIDEO_PLATFORM=daily").hasMessageContaining("DAILY_API_KEY");
    }

    @Test
    void refusesAPlatformChosenLaterThatIsNotConfigured() {
        Providers providers = new Providers(List.of(mock()), new ProviderProperties(Platform.MOCK, false, Set.of()),
                new SimpleMeterRegistry());

        assertThat(providers.forPlatform(Platform.MOCK).platform()).isEqualTo(Platform.MOCK);
        assertThatThrownBy(() -> providers.forPlatform(Platform.WHEREBY))
                .isInstanceOf(PlatformUnavailableException.class).hasMessageContaining("'whereby'");
    }
}
