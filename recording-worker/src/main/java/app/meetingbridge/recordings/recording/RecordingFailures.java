package app.meetingbridge.recordings.recording;

import app.meetingbridge.messaging.OutageRetry;
import app.meetingbridge.recordings.storage.StorageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.core.JacksonException;

/**
 * What becomes of a message of the recordings queue whose handling failed; the rules alone, no broker.
 * <ul>
 *   <li>A message no attempt can take (not JSON of its kind, missing what a recording needs, larger than any real
 *   recording, refused by the database's constraints): the dead-letter queue, with the reason.</li>
 *   <li>A recording whose step failed: parked as a {@link RetryDue} for its pause, or, after its last attempt, the
 *   dead-letter queue (a redrive gives it one more attempt).</li>
 *   <li>A database or broker outage that outlasted the hold: handed back, keeping the routing key it was taken
 *   for.</li>
 *   <li>A storage failure (only a refused consent's deletions get here: the pipeline counts its own): taken again
 *   after the outage pause, counted in {@value #OUTAGES}, up to the limit; then, or at once when trying again cannot
 *   help, the dead-letter queue.</li>
 *   <li>Anything else: the caller's, for the binding to count toward the message's delivery limit.</li>
 * </ul>
 * A message parked in the dead-letter queue leaves its storage failure count behind: a redrive starts afresh.
 */
final class RecordingFailures {

    static final String OUTAGES = "x-meetingbridge-outages";

    private final RecordingRetryProperties retry;

    RecordingFailures(RecordingRetryProperties retry) {
        this.retry = retry;
    }

    Outcome after(RuntimeException failure, RecordingRoute route, Map<String, Object> headers) {
        if (failure instanceof JacksonException || failure instanceof UnusableMessage
                || failure instanceof DataIntegrityViolationException) {
            return new DeadLetter(headers, failure, null);
        }
        if (failure instanceof RecordingFailed failed) {
            if (failed.retryIn() == null) {
                return new DeadLetter(withoutOutages(headers), null, "given up on recording "
                        + failed.recording().providerRecordingId() + " after its last attempt: " + failed.getMessage());
            }
            return new RetryRecording(failed.retryIn(), RetryDue.of(failed.recording()));
        }
        if (failure instanceof OutageRetry.StillDown) {
            Map<String, Object> kept = new HashMap<>(headers);
            kept.put(RecordingRoute.ROUTING_KEY, route.routingKey());
            return new HandBack(kept);
        }
        if (failure instanceof StorageException storage) {
            int failures = headers.get(OUTAGES) instanceof Number n ? n.intValue() : 0;
            if (failures >= retry.outageRetries() || !storage.reason().retryable()) {
                return new DeadLetter(withoutOutages(headers), storage, null);
            }
            Map<String, Object> again = new HashMap<>(Map.of(RecordingRoute.ROUTING_KEY, route.routingKey(),
                    OUTAGES, failures + 1));
            if (route.kind() == RecordingRoute.Kind.RETRY_DUE) {
                again.put(RecordingRoute.RETRY, true);
            }
            return new TakeAgain(retry.outagePause(), again, failures + 1, retry.outageRetries());
        }
        return new Rethrow(failure);
    }

    private static Map<String, Object> withoutOutages(Map<String, Object> headers) {
        Map<String, Object> kept = new HashMap<>(headers);
        kept.remove(OUTAGES);
        return kept;
    }

    /** What to do with the message. */
    sealed interface Outcome permits DeadLetter, RetryRecording, HandBack, TakeAgain, Rethrow {
    }

    /** To the dead-letter queue with these headers, for this failure or in these words. */
    record DeadLetter(Map<String, Object> headers, @Nullable Throwable cause, @Nullable String reason)
            implements Outcome {
    }

    /** Try the recording again after {@code pause}: the note {@code due}, with header {@value RecordingRoute#RETRY}. */
    record RetryRecording(Duration pause, RetryDue due) implements Outcome {

        static final Map<String, Object> HEADERS = Map.of(RecordingRoute.RETRY, true);
    }

    /** Hand the message back to the queue through the outage delay queue, with these headers. */
    record HandBack(Map<String, Object> headers) implements Outcome {
    }

    /** Take the message again, as it is, after {@code pause}, with these headers: pause {@code count} of {@code limit}. */
    record TakeAgain(Duration pause, Map<String, Object> headers, int count, int limit) implements Outcome {
    }

    /** Not a failure these rules know: the caller's. */
    record Rethrow(RuntimeException failure) implements Outcome {
    }

    /** The worker's own note to itself: try this recording again (which one, in words an operator can read too). */
    record RetryDue(String recordingId, String platform, String providerRecordingId) {

        static RetryDue of(Recording recording) {
            return new RetryDue(recording.id(), recording.platform(), recording.providerRecordingId());
        }
    }
}
