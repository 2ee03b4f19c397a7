package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.llm.LlmProperties;
import app.meetingbridge.recordings.recording.TranscriptRepository.PostProcessDue;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tries again what the language model could not make when a transcript ended (its {@code postprocess_missing}), once
 * its pause ({@code LLM_RETRY_INTERVAL}) is over, a few transcripts at a time, on whichever worker claims them
 * first. What it makes is stored with its live events, and the room's webhook (and Zulip post) is sent again through
 * {@code transcript.completed}, now carrying it.
 */
@Component
class PostProcessRetry {

    private static final Logger log = LoggerFactory.getLogger(PostProcessRetry.class);

    private final TranscriptRepository transcripts;
    private final RecordingPipeline pipeline;
    private final LlmProperties settings;
    private final CompletedTranscripts completed;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PostProcessRetry(TranscriptRepository transcripts, RecordingPipeline pipeline, LlmProperties settings,
                     CompletedTranscripts completed, TransactionTemplate transactions, Clock clock) {
        this.transcripts = transcripts;
        this.pipeline = pipeline;
        this.settings = settings;
        this.completed = completed;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${app.llm.retry-check:1m}", initialDelayString = "${app.llm.retry-check:1m}")
    void retryDue() {
        SummarizeStep summarize = pipeline.summarizeStep();
        if (!summarize.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (PostProcessDue due : transcripts.claimDuePostProcessing(now, now.plus(settings.retryInterval()),
                settings.retryBatch())) {
            PostProcessed made = summarize.complete(due.id(), due.topics(), due.missing(), due.speakerNames());
            if (made.missing().equals(due.missing())) {
                continue; // nothing more this time; claiming it set its next try
            }
            Instant done = clock.instant();
            boolean stored = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!transcripts.postProcessed(due, made, done.plus(settings.retryInterval()), done)) {
                    return false;
                }
                completed.announce(due.id(), due.roomId(), done);
                return true;
            }));
            log.info("transcript {}: post-processing tried again, {}", due.id(), !stored
                    ? "not stored (it changed meanwhile; tried again later)"
                    : made.complete() ? "complete" : "still missing " + made.missing());
        }
    }
}
