package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Transcripts as other features of the API see them (the live sockets, Zulip), with the same rules as the
 * transcripts API: a transcript the caller may read (404 "Transcript not found", 403 "Transcript access denied")
 * and, to act on it, a signed-in caller (401 "Not authenticated") who may change it (403 "Not authorized").
 */
@Component
public class TranscriptAccess {

    /**
     * What another feature may use of a transcript the caller may change; {@code topicsJson} is its topics column,
     * {@code userId} its owner.
     */
    public record Changeable(String id, @Nullable String title, Instant createdAt, @Nullable Long durationMs,
                             @Nullable String longSummary, String topicsJson, String status, boolean locked,
                             @Nullable String userId) {
    }

    private final TranscriptService transcripts;

    TranscriptAccess(TranscriptService transcripts) {
        this.transcripts = transcripts;
    }

    /**
     * Refuses as reading the transcript does (404 "Transcript not found", 403 "Transcript access denied"); for the
     * live sockets.
     */
    public void checkReadable(Caller caller, String transcriptId) {
        transcripts.readable(caller, transcriptId);
    }

    /** The transcript, if the caller is signed in, may read it and may change it. */
    public Changeable changeable(Caller caller, String transcriptId) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        Transcript transcript = transcripts.readable(caller, transcriptId);
        if (!transcript.changeableBy(caller)) {
            throw ApiException.forbidden("Not authorized");
        }
        return new Changeable(transcript.id(), transcript.title(), transcript.createdAt(), transcript.durationMs(),
                transcript.longSummary(), transcript.topicsJson(), transcript.status(), transcript.locked(),
                transcript.userId());
    }
}
