package app.meetingbridge.zulip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZulipPropertiesTest {

    static ZulipProperties realm(String realm) {
        return new ZulipProperties(realm, "bot@example.org", "secret-key", null, null, 0);
    }

    @Test
    void takesABareHostForHttps() {
        assertThat(realm("chat.example.org").apiBase()).hasToString("https://chat.example.org/api/v1");
        assertThat(realm("chat.example.org:8443").apiBase()).hasToString("https://chat.example.org:8443/api/v1");
    }

    @Test
    void keepsTheSchemePortAndPathOfAFullUrl() {
        assertThat(realm("https://example.org/zulip").apiBase()).hasToString("https://example.org/zulip/api/v1");
        assertThat(realm("http://127.0.0.1:9991/").apiBase()).hasToString("http://127.0.0.1:9991/api/v1");
        assertThat(realm("https://example.org/team/zulip//").apiBase())
                .hasToString("https://example.org/team/zulip/api/v1");
    }

    @Test
    void refusesARealmThatIsNotAnHttpAddress() {
        assertThatThrownBy(() -> realm("ftp://example.org").apiBase()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> realm("https://example.org/?x=1").apiBase())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> realm("not a host").apiBase()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void isOffUnlessRealmBotAndKeyAreAllSet() {
        assertThat(ZulipProperties.off().configured()).isFalse();
        assertThat(new ZulipProperties("chat.example.org", "bot@example.org", " ", null, null, 0).configured())
                .isFalse();
        assertThat(new ZulipProperties("", "bot@example.org", "key", null, null, 0).configured()).isFalse();
        assertThat(realm("chat.example.org").configured()).isTrue();
    }

    @Test
    void defaultsAsReflectorDoes() {
        ZulipProperties properties = realm("chat.example.org");
        assertThat(properties.uiBaseUrl()).isEqualTo("http://localhost:3000");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new ZulipProperties(null, null, null, "https://app.example/", null, 0).uiBaseUrl())
                .isEqualTo("https://app.example");
    }

    @Test
    void neverShowsTheApiKey() {
        assertThat(realm("chat.example.org").toString()).doesNotContain("secret-key").contains("apiKey=(set)");
    }
}
