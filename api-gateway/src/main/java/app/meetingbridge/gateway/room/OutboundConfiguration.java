package app.meetingbridge.gateway.room;

import app.meetingbridge.outbound.OutboundGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one guard of requests to addresses users choose: checked when a webhook URL is saved and when it is tested. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundGuard outboundGuard(OutboundProperties properties) {
        return new OutboundGuard(properties.allowList());
    }
}
