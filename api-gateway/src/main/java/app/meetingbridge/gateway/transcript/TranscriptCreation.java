package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.messaging.TranscriptEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a transcript for its owner: the row and, in the same transaction, {@code TRANSCRIPT_CREATED} to the owner's
 * sockets (their list shows it).
 */
@Service
class TranscriptCreation {

    private final TranscriptRepository transcripts;
    private final TranscriptEventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TranscriptCreation(TranscriptRepository transcripts, TranscriptEventLog events, TransactionTemplate transactions,
                       Clock clock) {
        this.transcripts = transcripts;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    Transcript create(Caller caller, CreateTranscript request) {
        String id = UUID.randomUUID().toString();
        String owner = Objects.requireNonNull(caller.userId(), "a signed-in caller");
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            transcripts.insert(id, owner, request.name(), request.sourceKindOrLive(), "private",
                    request.sourceLanguage(), request.targetLanguage(), now);
            events.announce(id, owner, "TRANSCRIPT_CREATED", Map.of("id", id));
        });
        return transcripts.find(id).orElseThrow();
    }
}
