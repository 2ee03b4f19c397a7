package app.meetingbridge.zulip;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Gives every service that has this module the one Zulip client, for the operator's realm (or none: Zulip off). */
@AutoConfiguration
@EnableConfigurationProperties(ZulipProperties.class)
public class ZulipAutoConfiguration {

    @Bean
    ZulipClient zulipClient(ZulipProperties properties) {
        return new ZulipClient(properties);
    }
}
