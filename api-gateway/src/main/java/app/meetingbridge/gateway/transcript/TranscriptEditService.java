package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.transcript.EditRequests.Assignment;
import app.meetingbridge.gateway.transcript.EditRequests.Merge;
import app.meetingbridge.gateway.transcript.EditRequests.NewParticipant;
import app.meetingbridge.gateway.transcript.EditRequests.ParticipantChanges;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.messaging.TranscriptEventLog;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.SpeakerEdits;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import tools.jackson.databind.JsonNode;

/**
 * The owner's changes to a transcript, with Reflector's rules (bodies read by {@link EditRequests} once the
 * caller is known to be signed in, as Reflector checks them): its fields, its participants, the speakers of its
 * words, and deleting it. Each change runs in one transaction with the transcript's row locked, so two changes at
 * once never undo one another: the second reads what the first wrote. Anonymous callers get 401; a transcript the
 * caller may not read 404/403 as when reading; one they do not own 403 "Not authorized" (a transcript without an
 * owner is nobody's to change); a locked transcript refuses every change but unlocking (400 "Transcript is locked").
 */
@Service
class TranscriptEditService {

    private final TranscriptRepository transcripts;
    private final TranscriptAudio audio;
    private final TranscriptEventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TranscriptEditService(TranscriptRepository transcripts, TranscriptAudio audio, TranscriptEventLog events,
                          TransactionTemplate transactions, Clock clock) {
        this.transcripts = transcripts;
        this.audio = audio;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The transcript after the fields the body names are written, with its new change number. */
    Transcript update(Caller caller, String transcriptId, JsonNode body) {
        signedIn(caller);
        TranscriptChanges changes = EditRequests.update(body);
        return inTransaction(() -> {
            Transcript transcript = ownedForUpdate(caller, transcriptId);
            if (transcript.locked() && !changes.unlocks()) {
                throw locked();
            }
            transcripts.update(transcript.id(), changes, clock.instant());
            return transcripts.find(transcript.id()).orElseThrow(TranscriptEditService::notFound);
        });
    }

    /**
     * Deletes the transcript: its audio and everything else stored under it (and the copies of its recording's
     * provider files), then its row with its event log, telling the owner's sockets in the same transaction. The
     * recording's row stays, so that a provider repeating its notice does not make the transcript again. Storage
     * failing leaves the transcript as it is (503: ask again); without storage configured, only a transcript whose
     * audio is already deleted may go (503 otherwise), so no audio is ever left behind unseen.
     */
    void delete(Caller caller, String transcriptId) {
        signedIn(caller);
        Transcript transcript = transcripts.find(transcriptId).orElseThrow(TranscriptEditService::notFound);
        owned(caller, transcript);
        if (audio.configured()) {
            try {
                audio.deleteAll(transcript.id(), transcript.recordingId());
            } catch (SdkException e) {
                throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE,
                        "Audio storage unavailable, please try again", Duration.ofSeconds(30), e.getMessage());
            }
        } else if (!transcript.audioDeleted()) {
            throw ApiException.unavailable("Audio storage is not configured", Duration.ofSeconds(60));
        }
        inTransaction(() -> {
            if (transcripts.delete(transcript.id())) {
                events.announce(transcript.id(), transcript.userId(), "TRANSCRIPT_DELETED",
                        Map.of("id", transcript.id()));
            }
            return null;
        });
    }

    Participant addParticipant(Caller caller, String transcriptId, JsonNode body) {
        signedIn(caller);
        NewParticipant request = EditRequests.newParticipant(body);
        return Objects.requireNonNull(editParticipants(caller, transcriptId,
                participants -> ParticipantRules.add(participants, request, () -> UUID.randomUUID().toString())));
    }

    Participant updateParticipant(Caller caller, String transcriptId, String participantId, JsonNode body) {
        signedIn(caller);
        ParticipantChanges changes = EditRequests.participantChanges(body);
        return Objects.requireNonNull(editParticipants(caller, transcriptId,
                participants -> ParticipantRules.update(participants, participantId, changes)));
    }

    /** Removes the participant; one that is not there is already removed. */
    void deleteParticipant(Caller caller, String transcriptId, String participantId) {
        signedIn(caller);
        editParticipants(caller, transcriptId,
                participants -> new ParticipantRules.Changed(ParticipantRules.remove(participants, participantId), null));
    }

    /**
     * The words that start within the range are said by the speaker given, or by the participant given: one with
     * no speaker number gets the smallest one no word carries.
     */
    void assign(Caller caller, String transcriptId, JsonNode body) {
        signedIn(caller);
        Assignment assignment = EditRequests.assignment(body);
        inTransaction(() -> {
            Transcript transcript = unlockedForUpdate(caller, transcriptId);
            if (assignment.speaker() == null && assignment.participant() == null) {
                throw ApiException.badRequest("Either speaker or participant must be provided");
            }
            if (assignment.speaker() != null && assignment.participant() != null) {
                throw ApiException.badRequest("Only one of speaker or participant must be provided");
            }
            List<Topic> topics = TranscriptJson.topics(transcript.topicsJson());
            String participantsJson = null;
            int speaker;
            if (assignment.speaker() != null) {
                speaker = assignment.speaker();
            } else {
                List<Participant> participants = TranscriptJson.participants(transcript.participantsJson());
                ParticipantRules.Changed seated = ParticipantRules.seated(participants, assignment.participant(),
                        topics);
                if (!seated.participants().equals(participants)) {
                    participantsJson = TranscriptJson.participantsJson(seated.participants());
                }
                speaker = seated.participant().speaker();
            }
            List<Topic> after = SpeakerEdits.assign(topics, assignment.from(), assignment.to(), speaker);
            transcripts.updateContent(transcript.id(), TranscriptJson.topicsJson(after), participantsJson,
                    clock.instant());
            return null;
        });
    }

    /** Every word of one speaker is said by the other, unless both speakers are participants'. */
    void merge(Caller caller, String transcriptId, JsonNode body) {
        signedIn(caller);
        Merge merge = EditRequests.merge(body);
        inTransaction(() -> {
            Transcript transcript = unlockedForUpdate(caller, transcriptId);
            ParticipantRules.checkMerge(TranscriptJson.participants(transcript.participantsJson()), merge.from(),
                    merge.to());
            List<Topic> after = SpeakerEdits.merge(TranscriptJson.topics(transcript.topicsJson()), merge.from(),
                    merge.to());
            transcripts.updateContent(transcript.id(), TranscriptJson.topicsJson(after), null, clock.instant());
            return null;
        });
    }

    /** Applies a participant rule to the locked row's list, writing the list when it changed. */
    private @Nullable Participant editParticipants(Caller caller, String transcriptId,
                                         Function<List<Participant>, ParticipantRules.Changed> edit) {
        return inTransaction(() -> {
            Transcript transcript = unlockedForUpdate(caller, transcriptId);
            List<Participant> before = TranscriptJson.participants(transcript.participantsJson());
            ParticipantRules.Changed changed = edit.apply(before);
            if (!changed.participants().equals(before)) {
                transcripts.updateContent(transcript.id(), null, TranscriptJson.participantsJson(changed.participants()),
                        clock.instant());
            }
            return changed.participant();
        });
    }

    /** The owned transcript, locked for this transaction, unless its owner locked it against changes. */
    private Transcript unlockedForUpdate(Caller caller, String transcriptId) {
        Transcript transcript = ownedForUpdate(caller, transcriptId);
        if (transcript.locked()) {
            throw locked();
        }
        return transcript;
    }

    private Transcript ownedForUpdate(Caller caller, String transcriptId) {
        Transcript transcript = transcripts.findForUpdate(transcriptId).orElseThrow(TranscriptEditService::notFound);
        if (!transcript.visibleTo(caller)) {
            throw ApiException.forbidden("Transcript access denied");
        }
        owned(caller, transcript);
        return transcript;
    }

    private static void owned(Caller caller, Transcript transcript) {
        if (transcript.userId() == null || !caller.owns(transcript.userId())) {
            throw ApiException.forbidden("Not authorized");
        }
    }

    private static void signedIn(Caller caller) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static ApiException notFound() {
        return ApiException.notFound("Transcript not found");
    }

    private static ApiException locked() {
        return ApiException.badRequest("Transcript is locked");
    }
}
