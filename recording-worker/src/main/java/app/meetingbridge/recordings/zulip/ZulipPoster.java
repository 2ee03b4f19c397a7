package app.meetingbridge.recordings.zulip;

import app.meetingbridge.recordings.zulip.ZulipPostRepository.Post;
import app.meetingbridge.zulip.ZulipClient;
import app.meetingbridge.zulip.ZulipException;
import app.meetingbridge.zulip.ZulipMessage;
import app.meetingbridge.zulip.ZulipProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts an ended transcript to its room's Zulip stream and topic when the room has Zulip auto-post on (Reflector's
 * message, with the topics). A transcript posted before has that message updated instead (a repeated or reprocessed
 * completion does not post twice); a message Zulip no longer has is posted anew. Zulip not configured, a room
 * without auto-post or without a stream: nothing is posted.
 */
@Component
class ZulipPoster {

    private static final Logger log = LoggerFactory.getLogger(ZulipPoster.class);

    /** What came of one attempt. */
    enum Outcome {
        /** Posted or updated, or nothing to post. */
        DONE,
        /** Zulip unavailable: worth another attempt later. */
        UNAVAILABLE,
        /** Zulip refused: asking again would be refused again. */
        REFUSED
    }

    /**
     * The message posted for one completion, remembered while its attempt runs again after a database outage: a
     * message posted whose id could not yet be stored is updated then, not posted twice.
     */
    static final class Posted {
        @Nullable Long messageId;
    }

    private final ZulipPostRepository repository;
    private final ZulipClient zulip;
    private final ZulipProperties properties;

    ZulipPoster(ZulipPostRepository repository, ZulipClient zulip, ZulipProperties properties) {
        this.repository = repository;
        this.zulip = zulip;
        this.properties = properties;
    }

    Outcome post(String transcriptId, Posted posted) {
        if (!zulip.configured()) {
            return Outcome.DONE;
        }
        Post post = repository.post(transcriptId).orElse(null);
        if (post == null || !post.autoPost() || post.stream() == null || post.stream().isBlank()) {
            return Outcome.DONE;
        }
        String topic = post.topic() == null ? "" : post.topic();
        String content = ZulipMessage.compose(new ZulipMessage.Transcript(post.transcriptId(), post.title(),
                post.createdAt(), post.durationMs(), post.longSummary(), ZulipMessage.topicsOf(post.topicsJson())),
                properties.uiBaseUrl(), true);
        Long existing = post.messageId() != null ? post.messageId() : posted.messageId;
        try {
            if (existing != null) {
                try {
                    zulip.update(existing, topic, content);
                    if (post.messageId() == null) {
                        repository.setMessageId(post.transcriptId(), existing);
                    }
                    log.info("room {}: Zulip message {} of transcript {} updated", post.roomId(), existing,
                            post.transcriptId());
                    return Outcome.DONE;
                } catch (ZulipException e) {
                    if (e.kind() != ZulipException.Kind.MESSAGE_GONE) {
                        throw e;
                    }
                    log.info("room {}: Zulip message {} of transcript {} is gone; posting a new one", post.roomId(),
                            existing, post.transcriptId());
                }
            }
            long id = zulip.post(post.stream(), topic, content);
            posted.messageId = id;
            repository.setMessageId(post.transcriptId(), id);
            log.info("room {}: transcript {} posted to Zulip as message {}", post.roomId(), post.transcriptId(), id);
            return Outcome.DONE;
        } catch (ZulipException e) {
            if (e.worthRetrying()) {
                log.warn("room {}: transcript {} not posted to Zulip yet: {}", post.roomId(), post.transcriptId(),
                        e.getMessage());
                return Outcome.UNAVAILABLE;
            }
            log.warn("room {}: transcript {} not posted to Zulip, not retried: {}", post.roomId(),
                    post.transcriptId(), e.getMessage());
            return Outcome.REFUSED;
        }
    }
}
