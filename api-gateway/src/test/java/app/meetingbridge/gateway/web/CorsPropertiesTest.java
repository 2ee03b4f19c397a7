package app.meetingbridge.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorsPropertiesTest {

    @Test
    void refusesAnyOriginWithCredentials() {
        assertThatThrownBy(() -> new CorsProperties(List.of("*"), true))
                .hasMessageContaining("CORS_ALLOW_CREDENTIALS");
    }

    @Test
    void takesListedOriginsWithCredentialsAndAnyOriginWithout() {
        assertThat(new CorsProperties(List.of(" https://app.example.test ", "http://localhost:3000"), true).origins())
                .containsExactly("https://app.example.test", "http://localhost:3000");
        assertThat(new CorsProperties(List.of("*"), false).origins()).containsExactly("*");
    }

    @Test
    void refusesEntriesThatAreNotOrigins() {
        for (String entry : List.of("app.example.test", "https://app.example.test/path", "https://*.example.test")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(entry), false)).as(entry)
                    .hasMessageContaining("CORS_ORIGIN");
        }
    }
}
