package app.meetingbridge.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * The request rates one gateway instance allows (each instance counts on its own, so N replicas allow N times
 * these): {@code webhookTest} per signed-in user for a room's webhook test; {@code anonymousConsent} per source
 * address for consent decisions of visitors who are not signed in; {@code duplicateMeetingsPerRoom} and
 * {@code duplicateMeetingsPerCaller} for meetings created with {@code allow_duplicated}; {@code apiKeyFailures} per
 * source address for API keys that were refused (beyond it, every key from that address is refused for a while).
 */
@ConfigurationProperties("app.rate-limits")
public record RateLimitProperties(Rate webhookTest, Rate anonymousConsent, Rate duplicateMeetingsPerRoom,
                                  Rate duplicateMeetingsPerCaller, Rate apiKeyFailures) {

    /** Reads a {@link Rate} from its text form in configuration. */
    @Component
    @ConfigurationPropertiesBinding
    static class RateConverter implements Converter<String, Rate> {
        @Override
        public Rate convert(String source) {
            return Rate.parse(source);
        }
    }
}
