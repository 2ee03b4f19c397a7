package app.meetingbridge.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OutboundPropertiesTest {

    @EnableConfigurationProperties(OutboundProperties.class)
    static class Bound {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void admitsNothingInternalWhenTheSettingIsEmpty() {
        context.withPropertyValues("app.outbound.allowed-hosts=").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(OutboundProperties.class).allowList().isEmpty()).isTrue();
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
