package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.meetings.jobs.JobLockRepository;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this deployment's Daily webhook ACTIVE: Daily stops delivering to a webhook it marked FAILED (after 3
 * failed deliveries), so on a schedule the registration is checked and repaired (re-activated with Daily's
 * {@code POST /webhooks/{uuid}}), with a log line and {@code daily.webhook.repairs} each time, and
 * {@code daily.webhook.active} (1 or 0) as a gauge. Runs when {@code DAILY_WEBHOOK_URL} is set.
 */
@Component
@ConditionalOnBean(DailyVideoProvider.class)
@ConditionalOnExpression("'${app.lifecycle.daily-webhook-url:}' != ''")
class DailyWebhookHealth {

    private static final Logger log = LoggerFactory.getLogger(DailyWebhookHealth.class);

    private final DailyVideoProvider daily;
    private final JobLockRepository jobs;
    private final MeterRegistry meters;
    private final String url;
    private final AtomicInteger active = new AtomicInteger(-1);

    DailyWebhookHealth(DailyVideoProvider daily, JobLockRepository jobs, MeterRegistry meters,
                       DailyWebhookHealthProperties settings) {
        this.daily = daily;
        this.jobs = jobs;
        this.meters = meters;
        this.url = settings.dailyWebhookUrl();
        Gauge.builder("daily.webhook.active", active, AtomicInteger::get).register(meters);
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.webhook-health-interval:5m}", initialDelayString = "10s")
    void check() {
        jobs.runExclusively("daily-webhook-health", () -> {
            try {
                DailyWebhookState state = daily.registerWebhook(url);
                active.set("ACTIVE".equals(state.state()) ? 1 : 0);
                if (!"unchanged".equals(state.action())) {
                    meters.counter("daily.webhook.repairs", "action", state.action()).increment();
                    log.warn("Daily webhook {} for {} was {}: now {} (failed deliveries {})", state.uuid(), url,
                            state.action(), state.state(), state.failedCount());
                }
            } catch (ProviderUnavailableException | ProviderRejectedException e) {
                active.set(0);
                log.error("Daily webhook for {} could not be checked: {}", url, e.getMessage());
            }
        });
    }
}
