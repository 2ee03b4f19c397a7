package app.meetingbridge.gateway.zulip;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.TranscriptAccess;
import app.meetingbridge.gateway.transcript.TranscriptAccess.Changeable;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.zulip.ZulipClient;
import app.meetingbridge.zulip.ZulipClient.Stream;
import app.meetingbridge.zulip.ZulipException;
import app.meetingbridge.zulip.ZulipMessage;
import app.meetingbridge.zulip.ZulipProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Zulip for the frontend, as Reflector offers it. Listing is for signed-in callers (403 "Authentication required").
 * Posting a transcript is for a caller who may change it; a transcript posted before has its message updated (its
 * topic and content; the stream stays), and when Zulip no longer has that message a new one is posted and its id
 * kept. Zulip's failures reach the caller as a short reason with an error id (503 when Zulip is unavailable, 502 when
 * it refused or answered oddly), the details only in the log; with Zulip not configured, 503 "Zulip is not
 * configured".
 */
@Service
class ZulipService {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final ZulipClient zulip;
    private final ZulipProperties properties;
    private final TranscriptAccess transcripts;
    private final ZulipRepository messages;

    ZulipService(ZulipClient zulip, ZulipProperties properties, TranscriptAccess transcripts,
                 ZulipRepository messages) {
        this.zulip = zulip;
        this.properties = properties;
        this.transcripts = transcripts;
        this.messages = messages;
    }

    List<Stream> streams(Caller caller) {
        signedIn(caller);
        return call(zulip::streams);
    }

    List<String> topics(Caller caller, long streamId) {
        signedIn(caller);
        return call(() -> zulip.topics(streamId));
    }

    /** Posts the transcript to {@code stream}'s {@code topic}, or updates the message it was posted as. */
    void post(Caller caller, String transcriptId, String stream, String topic, boolean includeTopics) {
        Changeable transcript = transcripts.changeable(caller, transcriptId);
        String content = ZulipMessage.compose(new ZulipMessage.Transcript(transcript.id(), transcript.title(),
                transcript.createdAt(), transcript.durationMs(), transcript.longSummary(),
                ZulipMessage.topicsOf(transcript.topicsJson())), properties.uiBaseUrl(), includeTopics);
        Long posted = messages.messageId(transcript.id()).orElse(null);
        if (posted != null) {
            try {
                call(() -> {
                    zulip.update(posted, topic, content);
                    return null;
                });
                return;
            } catch (MessageGone gone) {
                // deleted in Zulip: posted anew below
            }
        }
        long id = call(() -> zulip.post(stream, topic, content));
        messages.setMessageId(transcript.id(), id);
    }

    private static void signedIn(Caller caller) {
        if (caller.isAnonymous()) {
            throw ApiException.forbidden("Authentication required");
        }
    }

    /** Zulip's answer, or its failure as the caller sees it. */
    private <T> T call(Supplier<T> request) {
        if (!zulip.configured()) {
            throw notConfigured();
        }
        try {
            return request.get();
        } catch (ZulipException e) {
            throw switch (e.kind()) {
                case MESSAGE_GONE -> new MessageGone();
                case UNAVAILABLE -> ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                        "Zulip is unavailable, please try again", RETRY_AFTER, e.getMessage());
                case REFUSED -> ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY, "Zulip refused the request",
                        null, e.getMessage());
                case NOT_CONFIGURED -> notConfigured();
                case BAD_ANSWER -> ApiException.withDetailsLogged(HttpStatus.BAD_GATEWAY,
                        "Zulip answered unexpectedly", null, e.getMessage());
            };
        }
    }

    private static ApiException notConfigured() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Zulip is not configured", null);
    }

    /** The message to update is gone from Zulip. */
    private static final class MessageGone extends RuntimeException {
        MessageGone() {
            super(null, null, false, false);
        }
    }
}
