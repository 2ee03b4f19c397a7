package app.meetingbridge.recordings.zulip;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.TranscriptCompleted;
import app.meetingbridge.messaging.DelayedDelivery;
import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.zulip.ZulipPoster.Outcome;
import app.meetingbridge.recordings.zulip.ZulipPoster.Posted;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds {@code transcript.completed} a second time (binding {@code zulipPosts-in-0}: quorum queue
 * {@code recordings.zulip}, delivery limit and dead-letter queue in application.yml), to post the transcript to its
 * room's Zulip. While Zulip is unavailable (no answer, 5xx, 429) the message is parked in a delay queue that hands it
 * back to this queue alone after a pause doubling up to the longest, up to the attempt limit, then given up with a
 * log line; a refusal (a stream that does not exist, say) is given up at once. A database outage holds the message
 * and tries again ({@link OutageRetry}); it never dead-letters it.
 * <p>
 * Our retries carry the attempt in the message and the header {@value #RETRY}. A {@code transcript.completed} of a
 * later attempt without that header is the room webhook's retry (published to the same routing key) and not ours:
 * this consumer already had the first.
 */
@Configuration(proxyBeanMethods = false)
class ZulipPostListener {

    static final String QUEUE = Topology.RECORDINGS_EXCHANGE + ".zulip";
    static final String RETRY = "x-meetingbridge-zulip-retry";

    private static final Logger log = LoggerFactory.getLogger(ZulipPostListener.class);

    @Bean
    Consumer<Message<byte[]>> zulipPosts(ZulipPoster poster, OutageRetry outages, DelayedDelivery delayed,
                                         ZulipPostProperties retry, JsonMapper json) {
        return message -> {
            TranscriptCompleted event = json.readValue(message.getPayload(), TranscriptCompleted.class);
            if (event.attempt() > 1 && !message.getHeaders().containsKey(RETRY)) {
                return; // the room webhook's retry
            }
            Posted posted = new Posted();
            outages.handle(QUEUE, message.getPayload(), message.getHeaders(), () -> {
                Outcome outcome = poster.post(event.transcriptId(), posted);
                if (outcome != Outcome.UNAVAILABLE) {
                    return;
                }
                if (event.attempt() >= retry.maxAttempts()) {
                    log.warn("transcript {}: Zulip post given up after {} attempts", event.transcriptId(),
                            event.attempt());
                    return;
                }
                TranscriptCompleted next = event.nextAttempt();
                MessageProperties headers = new MessageProperties();
                headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
                headers.setMessageId(next.eventId() + "#zulip-" + next.attempt());
                headers.setHeader(RETRY, next.attempt());
                delayed.after(retry.pauseAfter(event.attempt()), QUEUE + ".retry", "", QUEUE,
                        new org.springframework.amqp.core.Message(json.writeValueAsBytes(next), headers));
            });
        };
    }
}
