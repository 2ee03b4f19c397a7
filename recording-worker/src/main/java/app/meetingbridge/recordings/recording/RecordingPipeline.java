package app.meetingbridge.recordings.recording;

import app.meetingbridge.llm.PostProcessor;
import app.meetingbridge.recordings.audio.Ffmpeg;
import app.meetingbridge.recordings.diarization.Diarizer;
import app.meetingbridge.recordings.diarization.Diarizer.DiarizationException;
import app.meetingbridge.recordings.llm.LlmProperties;
import app.meetingbridge.recordings.recording.AudioStep.Audio;
import app.meetingbridge.recordings.recording.AudioStep.AudioException;
import app.meetingbridge.recordings.recording.TranscriptRepository.Transcript;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import app.meetingbridge.recordings.storage.StorageException;
import app.meetingbridge.recordings.transcription.TranscriptionBackend;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.TranscriptionException;
import app.meetingbridge.transcripts.Word;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a recording through its steps, keeping its state in the {@code recording} row (and the transcript's in
 * its own): a step that already ran is not run again when the message comes back. Steps: fetch
 * ({@code discovered → fetching → fetched}), then audio ({@code processing}; the transcript is made, and is
 * {@code uploaded} once its audio is in storage, {@code error} while an attempt has failed), then transcription
 * when a backend is configured, then the language model's topics and recap when one is configured ({@link SummarizeStep}:
 * what it cannot make is marked missing and tried again later, never a failure), then {@code done}: the transcript
 * {@code ended} with its words, and {@code transcript.completed} for the room's webhook through the outbox in the
 * same transaction. A failure is
 * counted on the row with its error and the time of the next attempt (capped backoff), and thrown as
 * {@link RecordingFailed} saying when to try again (none after the last attempt); a refused one (a key outside the
 * provider's bucket and prefix) is final. A transcript still {@code processing} (claimed for a rerun) shows
 * {@code error} after any failed attempt, so it can be claimed again.
 *
 * <p>Consent comes last, whatever became of the steps before: once the processing ended (transcribed, as far as it
 * goes without a backend, or given up on), the audio is deleted when anyone in the meeting refused to have it kept.
 * A refusal that comes later is applied when it arrives ({@link #consentRefused}). Each run records that its
 * processing ended before it reads the meeting's decisions, and a refusal is recorded before its message is sent,
 * so whichever of the two looks second sees the other: no refusal is missed in between.
 */
@Service
class RecordingPipeline {

    private static final Logger log = LoggerFactory.getLogger(RecordingPipeline.class);

    private final RecordingRepository recordings;
    private final TranscriptRepository transcripts;
    private final MeetingReadRepository meetings;
    private final @Nullable FetchStep fetch;
    private final @Nullable AudioStep audio;
    private final @Nullable TranscribeStep transcribe;
    private final @Nullable ConsentStep consent;
    private final SummarizeStep summarize;
    private final LlmProperties llm;
    private final RecordingRetryProperties retry;
    private final JsonMapper json;
    private final CompletedTranscripts completed;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RecordingPipeline(RecordingRepository recordings, TranscriptRepository transcripts, MeetingReadRepository meetings,
                      ObjectProvider<S3RecordingStore> store, Ffmpeg ffmpeg, TranscriptionBackend backend,
                      Diarizer diarizer, ObjectProvider<PostProcessor> postProcessor, LlmProperties llm,
                      RecordingRetryProperties retry, ConsentProperties consentSettings, JsonMapper json,
                      CompletedTranscripts completed, TransactionTemplate transactions, Clock clock) {
        this.recordings = recordings;
        this.transcripts = transcripts;
        this.meetings = meetings;
        S3RecordingStore s3 = store.getIfAvailable();
        this.fetch = s3 == null ? null : new FetchStep(s3);
        this.audio = s3 == null ? null : new AudioStep(s3, ffmpeg);
        this.consent = s3 == null ? null : new ConsentStep(s3, consentSettings.deleteProviderObjects());
        this.transcribe = s3 == null || !backend.configured() ? null : new TranscribeStep(s3, ffmpeg, backend,
                diarizer);
        if (s3 != null && transcribe == null) {
            log.warn("TRANSCRIPT_BACKEND_URL is not set: transcripts stop at uploaded, with their audio ready");
        }
        this.summarize = new SummarizeStep(postProcessor.getIfAvailable());
        this.llm = llm;
        if (transcribe != null && !summarize.enabled()) {
            log.info("LLM_URL is not set: transcripts end with their words in one untitled topic, without summaries");
        }
        if (s3 == null) {
            log.warn("TRANSCRIPT_STORAGE_AWS_BUCKET_NAME is not set: recordings are registered but not fetched");
        }
        this.retry = retry;
        this.json = json;
        this.completed = completed;
        this.transactions = transactions;
        this.clock = clock;
    }

    void process(Recording recording) {
        process(recording, PartListener.NONE);
    }

    void process(Recording recording, PartListener afterPart) {
        if (fetch == null || audio == null) {
            return;
        }
        if (recording.objectKeys().isEmpty()) {
            failedForGood(recording, "EMPTY: the recording names no object to fetch");
            return;
        }
        RecordingState state = recording.state();
        try {
            if (state.needsFetch()) {
                recordings.advance(recording.id(), RecordingState.FETCHING, clock.instant());
                fetch.run(recording, afterPart);
                recordings.advance(recording.id(), RecordingState.FETCHED, clock.instant());
                state = RecordingState.FETCHED;
            }
            if (state == RecordingState.FETCHED || state == RecordingState.PROCESSING) {
                Transcript transcript = prepareAudio(recording);
                if (transcribe != null) {
                    transcribe(recording, transcript);
                    state = RecordingState.DONE;
                } else if (!transcript.status().equals("uploaded")) {
                    transcripts.uploaded(transcript.id(), clock.instant()); // a reprocess without a backend
                }
            }
            // transcribed, or as far as it goes without a backend: the processing ended
            if (state == RecordingState.DONE || transcribe == null) {
                applyConsent(recording);
            }
        } catch (StorageException e) {
            if (!e.reason().retryable()) {
                failedForGood(recording, e.reason() + ": " + e.getMessage());
                return;
            }
            throw failed(recording, e.reason() + ": " + e.getMessage(), e);
        } catch (AudioException e) {
            throw failed(recording, "AUDIO: " + e.getMessage(), e);
        } catch (TranscriptionException e) {
            throw failed(recording, "TRANSCRIPTION: " + e.getMessage(), e);
        } catch (DiarizationException e) {
            throw failed(recording, "DIARIZATION: " + e.getMessage(), e);
        } catch (DataAccessException | TransactionException e) {
            throw e; // the database itself: nothing to count the failure in; the listener takes the message again later
        } catch (RuntimeException e) {
            throw failed(recording, "UNEXPECTED: " + e, e);
        }
    }

    private Transcript prepareAudio(Recording recording) {
        MeetingRoom meeting = recording.meetingId() == null ? null : meetings.roomOf(recording.meetingId()).orElse(null);
        Transcript transcript = transcripts.findOrCreate(recording.id(), meeting, clock.instant());
        if (transcript.audioReady()) {
            return transcript;
        }
        recordings.advance(recording.id(), RecordingState.PROCESSING, clock.instant());
        Map<String, MeetingReadRepository.Participant> sessions = recording.meetingId() == null ? Map.of()
                : meetings.participants(recording.meetingId());
        // should it fail, counting the failure shows the transcript (still processing) as error till an attempt works
        Audio ready = audio.run(recording, transcript.id(), sessions);
        transcripts.audioReady(transcript.id(), ready.durationMs(), json.writeValueAsString(ready.participants()),
                ready.waveform(), clock.instant());
        log.info("recording {}: audio ready for transcript {} ({} ms, {} track(s))", recording.id(), transcript.id(),
                ready.durationMs(), ready.participants().size());
        return transcript.withAudio(ready.durationMs());
    }

    private void transcribe(Recording recording, Transcript transcript) {
        if (transcript.ended()) {
            recordings.advance(recording.id(), RecordingState.DONE, clock.instant());
            return;
        }
        List<Word> words;
        try {
            boolean lastAttempt = retry.pauseAfter(recording.attempts() + 1) == null;
            words = transcribe.run(recording, transcript.id(), transcript.language(), lastAttempt);
        } catch (RuntimeException e) {
            transcripts.failed(transcript.id(), clock.instant());
            throw e;
        }
        PostProcessed made = summarize.run(transcript.id(), Topics.untitled(words, transcript.durationMs()),
                transcripts.speakerNames(transcript.id()));
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            transcripts.transcribed(transcript.id(), made, now.plus(llm.retryInterval()), now);
            recordings.advance(recording.id(), RecordingState.DONE, now);
            completed.announce(transcript.id(), transcript.roomId(), now);
        });
        log.info("recording {}: transcript {} ended", recording.id(), transcript.id());
    }

    /** The language-model step, for the later tries of what it could not make at first. */
    SummarizeStep summarizeStep() {
        return summarize;
    }

    /**
     * A refusal of the recording's meeting ({@code consent.refused}): applied now if the recording's processing
     * ended; one still under way applies it when it ends.
     */
    void consentRefused(Recording recording) {
        if (consent == null) {
            return;
        }
        Transcript transcript = transcripts.find(recording.id()).orElse(null);
        if (transcript != null && recording.processingEnded(transcribe != null, transcript.audioReady())) {
            applyConsent(recording);
        }
    }

    /**
     * Once the processing ended: the audio is deleted when anyone refused consent (once; the text stays), and only
     * then is the transcript marked {@code audio_deleted}.
     */
    private void applyConsent(Recording recording) {
        if (recording.meetingId() == null || !meetings.consentRefused(recording.meetingId())) {
            return;
        }
        Transcript transcript = transcripts.find(recording.id()).orElse(null);
        if (transcript == null || transcript.audioDeleted()) {
            return;
        }
        consent.deleteAudio(recording, transcript.id());
        transcripts.audioDeleted(transcript.id(), clock.instant());
        log.info("recording {}: consent refused in meeting {}, audio of transcript {} deleted", recording.id(),
                recording.meetingId(), transcript.id());
    }

    /**
     * A recording given up on keeps no audio someone refused: nothing will transcribe it without a rerun. What fails
     * here is logged and does not hide why the recording was given up on; the refusal is then applied when a later
     * run ends, or when it is repeated.
     */
    private void applyConsentAfterGivingUp(Recording recording) {
        if (consent == null) {
            return;
        }
        try {
            applyConsent(recording);
        } catch (RuntimeException e) {
            log.error("recording {} given up on: a refused consent in meeting {} could not be applied: {}",
                    recording.id(), recording.meetingId(), e.toString());
        }
    }

    /** Counts a failure that no attempt can mend (a refused key, nothing to fetch): no retry is due. */
    private void failedForGood(Recording recording, String error) {
        transcripts.claimFailed(recording.id(), clock.instant()); // first: the row's failure is the last word
        recordings.failed(recording.id(), error, null, clock.instant());
        log.error("recording {} of {} failed for good: {}", recording.providerRecordingId(), recording.platform(), error);
        applyConsentAfterGivingUp(recording);
    }

    /** Counts the failed attempt, with when the next one is due (none after the last). */
    private RecordingFailed failed(Recording recording, String error, RuntimeException cause) {
        Instant now = clock.instant();
        int attempt = recording.attempts() + 1;
        Duration pause = retry.pauseAfter(attempt);
        transcripts.claimFailed(recording.id(), now); // first: once the row says failed, the transcript says so too
        recordings.failed(recording.id(), error, pause == null ? null : now.plus(pause), now);
        if (pause == null) {
            log.error("recording {} failed attempt {}, the last: {}", recording.id(), attempt, error);
            applyConsentAfterGivingUp(recording);
        } else {
            log.warn("recording {} failed attempt {} ({}); next in {}", recording.id(), attempt, error, pause);
        }
        return new RecordingFailed(recording, cause, pause);
    }
}
