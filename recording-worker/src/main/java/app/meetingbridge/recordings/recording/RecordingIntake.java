package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.ConsentRefused;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.events.recording.ReprocessRequested;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes each {@code recording.ready} into the {@code recording} table as {@code discovered}, once per provider
 * recording whatever the number of deliveries, then runs it through the pipeline from wherever it stands; runs a
 * recording again when its transcript is reprocessed; and applies a refused consent to the meeting's recordings.
 */
@Service
class RecordingIntake {

    private static final Logger log = LoggerFactory.getLogger(RecordingIntake.class);

    private final RecordingRepository recordings;
    private final TranscriptRepository transcripts;
    private final RecordingPipeline pipeline;
    private final Clock clock;

    RecordingIntake(RecordingRepository recordings, TranscriptRepository transcripts, RecordingPipeline pipeline,
                    Clock clock) {
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    void register(RecordingReady ready) {
        UnusableMessage.check(ready);
        boolean added = recordings.insertIfAbsent(ready, clock.instant());
        log.info("recording {} of {} {}", ready.providerRecordingId(), ready.platform().wireName(),
                added ? "discovered" : "already known");
        recordings.find(ready.platform().wireName(), ready.providerRecordingId()).ifPresent(pipeline::process);
    }

    /**
     * Runs the recording's pipeline again (its transcript was claimed by {@code POST /v1/transcripts/{id}/process}):
     * a finished recording goes back to {@code processing}, so its transcription runs again; any other continues
     * from where it stands, with a fresh series of attempts. A request whose transcript is no longer claimed (a
     * replay of one already carried out) does nothing; one whose recording is gone leaves the transcript in
     * {@code error} rather than claimed for good.
     */
    void reprocess(ReprocessRequested request) {
        if (request.transcriptId() == null || request.transcriptId().isBlank()) {
            throw new UnusableMessage("recording.reprocess " + request.eventId() + ": no transcriptId", null);
        }
        TranscriptRepository.Claim claim = transcripts.claim(request.transcriptId()).orElse(null);
        if (claim == null || !claim.claimed()) {
            log.info("reprocess of transcript {}: {}, nothing to do", request.transcriptId(),
                    claim == null ? "no such transcript" : "not claimed (any more)");
            return;
        }
        Recording recording = claim.recordingId() == null ? null : recordings.findById(claim.recordingId()).orElse(null);
        if (recording == null) {
            log.warn("reprocess of transcript {}: its recording is gone", request.transcriptId());
            transcripts.failed(request.transcriptId(), clock.instant());
            return;
        }
        if (recording.state() == RecordingState.DONE) {
            recordings.advance(recording.id(), RecordingState.PROCESSING, clock.instant());
        }
        recordings.restartAttempts(recording.id(), clock.instant());
        log.info("reprocessing recording {} for transcript {}", recording.id(), request.transcriptId());
        recordings.findById(recording.id()).ifPresent(pipeline::process);
    }

    /**
     * Someone in the meeting refused to have its audio kept: each of its recordings whose processing ended loses its
     * audio now (the others when they end). Whether the meeting still holds a refusal is read again by the pipeline,
     * so a repeated message, or one whose decision was since changed, deletes nothing more.
     */
    void consentRefused(ConsentRefused refused) {
        if (refused.meetingId() == null || refused.meetingId().isBlank()) {
            throw new UnusableMessage("consent.refused " + refused.eventId() + ": no meetingId", null);
        }
        log.info("consent refused in meeting {} ({})", refused.meetingId(), refused.eventId());
        recordings.findByMeeting(refused.meetingId()).forEach(pipeline::consentRefused);
    }

    /** Tries a failed recording again, from where it stands (its pause has passed). */
    void retry(String recordingId) {
        recordings.findById(recordingId).ifPresentOrElse(pipeline::process,
                () -> log.warn("retry of recording {}: it is gone", recordingId));
    }
}
