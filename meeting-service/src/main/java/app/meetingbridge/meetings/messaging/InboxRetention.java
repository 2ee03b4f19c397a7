package app.meetingbridge.meetings.messaging;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets stored provider webhooks after {@code WEBHOOK_INBOX_RETENTION} (default 7 days). That is far longer
 * than the signature windows (Daily 1 h, Whereby 60 s), so a replay is always either too old to be accepted or
 * still a known duplicate. Deleting is idempotent, so every instance may run it.
 */
@Component
class InboxRetention {

    private static final Logger log = LoggerFactory.getLogger(InboxRetention.class);

    private final WebhookInboxRepository inbox;
    private final Duration retention;
    private final Clock clock;

    InboxRetention(WebhookInboxRepository inbox, InboxProperties settings, Clock clock) {
        this.inbox = inbox;
        this.retention = settings.inboxRetention();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${app.webhooks.inbox-cleanup-interval:1h}", initialDelayString = "1m")
    void forgetOldWebhooks() {
        int deleted = inbox.deleteReceivedBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            log.info("forgot {} webhook(s) received more than {} ago", deleted, retention);
        }
    }
}
