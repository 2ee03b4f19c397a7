package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OutboundPropertiesTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OutboundAutoConfiguration.class));

    @Test
    void admitsNothingInternalWhenTheSettingIsEmpty() {
        context.withPropertyValues("app.outbound.allowed-hosts=").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(OutboundProperties.class).allowList().isEmpty()).isTrue();
            assertThat(started).hasSingleBean(OutboundGuard.class);
        });
    }

    @Test
    void readsACommaSeparatedListOfBlocksAddressesAndNames() {
        context.withPropertyValues("app.outbound.allowed-hosts=10.1.0.0/16, 127.0.0.1,hooks.internal,*.corp.example")
                .run(started -> assertThat(started.getBean(OutboundProperties.class).allowedHosts())
                        .containsExactly("10.1.0.0/16", "127.0.0.1", "hooks.internal", "*.corp.example"));
    }

    @Test
    void stopsStartUpOnAMalformedEntryNamingTheSettingAndTheEntry() {
        context.withPropertyValues("app.outbound.allowed-hosts=10.1.0.0/16,10.2.0.1/16").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageStartingWith("WEBHOOK_ALLOWED_HOSTS (app.outbound.allowed-hosts): '10.2.0.1/16'");
        });
    }
}
