package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import org.springframework.stereotype.Component;

/** Whether a caller may read a transcript, for features outside this package (the live sockets). */
@Component
public class TranscriptReadAccess {

    private final TranscriptService transcripts;

    TranscriptReadAccess(TranscriptService transcripts) {
        this.transcripts = transcripts;
    }

    /** Refuses as reading the transcript does: 404 "Transcript not found", 403 "Transcript access denied". */
    public void check(Caller caller, String transcriptId) {
        transcripts.readable(caller, transcriptId);
    }
}
