package app.meetingbridge.gateway.meeting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long after a meeting ended its participants' consent decisions are still taken ({@code CONSENT_GRACE}, an
 * hour unless set).
 */
@ConfigurationProperties("app.consent")
record ConsentProperties(Duration grace) {

    ConsentProperties {
        grace = grace == null ? Duration.ofHours(1) : grace;
    }
}
