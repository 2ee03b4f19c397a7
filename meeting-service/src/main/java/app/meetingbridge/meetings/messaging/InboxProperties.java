package app.meetingbridge.meetings.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code WEBHOOK_INBOX_RETENTION}: how long a received provider webhook is remembered for deduplication. */
@ConfigurationProperties("app.webhooks")
record InboxProperties(@DefaultValue("7d") Duration inboxRetention) {
}
