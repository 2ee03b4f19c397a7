package app.meetingbridge.gateway.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.RateLimitProperties;
import app.meetingbridge.gateway.web.RateLimits;
import app.meetingbridge.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Participants' decisions on keeping a meeting's recorded audio (the audio only: the text is kept
 * and the recording transcribed whatever they decide). Reflector's frontend
 * sends them for anonymous visitors too, so a decision is taken only while the meeting goes on and for
 * {@code CONSENT_GRACE} after it ended (409 after that, 404 for a meeting that does not exist), and decisions kept
 * without a user (anonymous visitors, and everyone with {@code AUTH_BACKEND=none}) are limited per source address
 * ({@code RATE_LIMIT_ANONYMOUS_CONSENT}, 429 beyond it). A signed-in caller's decision carries their user id, one
 * per meeting, changed in place. A refusal and its {@code consent.refused} to the recording-worker are written in
 * one transaction (outbox), so that the audio of recordings already processed is deleted at once.
 */
@Service
class ConsentService {

    private final ConsentRepository consents;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final RateLimits anonymousDecisions;
    private final Duration grace;
    private final Clock clock;

    ConsentService(ConsentRepository consents, Outbox outbox, TransactionTemplate transactions,
                   RateLimitProperties limits, ConsentProperties properties, Clock clock) {
        this.consents = consents;
        this.outbox = outbox;
        this.transactions = transactions;
        this.anonymousDecisions = RateLimits.of("consent decisions", limits.anonymousConsent());
        this.grace = properties.grace();
        this.clock = clock;
    }

    /**
     * Records the caller's decision; returns its id. With {@code AUTH_BACKEND=none} every participant is the same
     * local user, so each decision is kept as its own row (one refusal must not be overwritten by someone else's
     * yes), as an anonymous one is.
     */
    String decide(Caller caller, String meetingId, boolean given, String sourceAddress) {
        String userId = caller.ownsEverything() ? null : caller.userId();
        if (userId == null) {
            anonymousDecisions.acquire(sourceAddress);
        }
        ConsentWindow window = consents.windowOf(meetingId)
                .orElseThrow(() -> ApiException.notFound("Meeting not found"));
        Instant now = clock.instant();
        if (!window.takesDecisionsAt(now, grace)) {
            throw new ApiException(HttpStatus.CONFLICT, "Meeting has ended: consent decisions are taken until "
                    + inWords(grace) + " after a meeting ends", null);
        }
        return transactions.execute(status -> {
            String consentId = consents.record(meetingId, userId, given, now);
            if (!given) {
                String eventId = "consent-refused:" + UUID.randomUUID();
                outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.CONSENT_REFUSED,
                        new ConsentRefused(eventId, now, meetingId));
            }
            return consentId;
        });
    }

    private static String inWords(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " h";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }
}
