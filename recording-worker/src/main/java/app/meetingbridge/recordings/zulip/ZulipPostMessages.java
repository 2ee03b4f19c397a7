package app.meetingbridge.recordings.zulip;

import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.zulip.ZulipPoster.Outcome;
import app.meetingbridge.recordings.zulip.ZulipPoster.Posted;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes one {@code transcript.completed} of the Zulip queue: posts the transcript through the outage retry (a
 * database outage holds the message and tries again, it never dead-letters it), and while Zulip is unavailable
 * (no answer, 5xx, 429) parks the next attempt in a delay queue that hands it back to this queue alone, as
 * {@link ZulipPostAttempts} says, then gives up with a log line; a refusal (a stream that does not exist, say) is
 * given up at once.
 */
@Component
class ZulipPostMessages {

    private static final Logger log = LoggerFactory.getLogger(ZulipPostMessages.class);

    private final ZulipPoster poster;
    private final OutageRetry outages;
    private final DelayedDelivery delayed;
    private final ZulipPostAttempts attempts;
    private final JsonMapper json;

    ZulipPostMessages(ZulipPoster poster, OutageRetry outages, DelayedDelivery delayed, ZulipPostProperties retry,
                      JsonMapper json) {
        this.poster = poster;
        this.outages = outages;
        this.delayed = delayed;
        this.attempts = new ZulipPostAttempts(retry);
        this.json = json;
    }

    void take(Message<byte[]> message) {
        TranscriptCompleted event = json.readValue(message.getPayload(), TranscriptCompleted.class);
        if (!ZulipPostAttempts.ours(event, message.getHeaders())) {
            return;
        }
        Posted posted = new Posted();
        outages.handle(ZulipPostListener.QUEUE, message.getPayload(), message.getHeaders(), () -> {
            if (poster.post(event.transcriptId(), posted) == Outcome.UNAVAILABLE) {
                tryAgainLater(event);
            }
        });
    }

    private void tryAgainLater(TranscriptCompleted event) {
        Optional<Duration> pause = attempts.retryAfter(event.attempt());
        if (pause.isEmpty()) {
            log.warn("transcript {}: Zulip post given up after {} attempts", event.transcriptId(), event.attempt());
            return;
        }
        TranscriptCompleted next = event.nextAttempt();
        MessageProperties headers = new MessageProperties();
        headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.setMessageId(next.eventId() + "#zulip-" + next.attempt());
        headers.setHeader(ZulipPostListener.RETRY, next.attempt());
        delayed.after(pause.get(), ZulipPostListener.QUEUE + ".retry", "", ZulipPostListener.QUEUE,
                new org.springframework.amqp.core.Message(json.writeValueAsBytes(next), headers));
    }
}
