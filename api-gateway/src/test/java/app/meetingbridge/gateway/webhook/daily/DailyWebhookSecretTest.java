package app.meetingbridge.gateway.webhook.daily;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyWebhookSecretTest {

    @Test
    void theSecretUnderItsOwnNameWins() {
        DailyWebhookSecret secret = DailyWebhookSecret.choose("bmV3", "b2xk");

        assertThat(secret.value()).isEqualTo("bmV3");
        assertThat(secret.fromDeprecatedName()).isFalse();
    }

    @Test
    void theDeprecatedNameIsHonouredWhileTheNewOneIsNotSet() {
        DailyWebhookSecret secret = DailyWebhookSecret.choose("", "b2xk");

        assertThat(secret.value()).isEqualTo("b2xk");
        assertThat(secret.fromDeprecatedName()).isTrue();
        assertThat(secret.isSet()).isTrue();
    }

    @Test
    void neitherNameSetLeavesDailyWebhooksUnconfigured() {
        assertThat(DailyWebhookSecret.choose("", null).isSet()).isFalse();
        assertThat(DailyWebhookSecret.choose("", " ").fromDeprecatedName()).isFalse();
    }

    @Test
    void neverShowsTheSecretInText() {
        assertThat(DailyWebhookSecret.choose("", "c2VjcmV0").toString()).doesNotContain("c2VjcmV0").contains("set");
        assertThat(new DailyWebhookProperties("c2VjcmV0").toString()).doesNotContain("c2VjcmV0");
    }
}
