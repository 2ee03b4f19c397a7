package app.meetingbridge.outbound;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Gives every service that has this module the one guard, with the operator's allow-list. */
@AutoConfiguration
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundAutoConfiguration {

    @Bean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        return new OutboundGuard(properties.allowList());
    }
}
