package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.transcript.EditRequests.NewParticipant;
import app.meetingbridge.gateway.transcript.EditRequests.ParticipantChanges;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.SpeakerEdits;
import app.meetingbridge.transcripts.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reflector's rules for a transcript's participants, on the list as stored: a speaker number belongs to one
 * participant at most (400 "Speaker already assigned"), an unknown participant is 404 "Participant not found", and
 * two speakers that are both participants' are not merged (400). Each change gives the new list and what it made.
 */
final class ParticipantRules {

    private ParticipantRules() {
    }

    /** The list and the participant a change made or found (none for a removal). */
    record Changed(List<Participant> participants, @Nullable Participant participant) {
    }

    static Changed add(List<Participant> participants, NewParticipant request, Supplier<String> newId) {
        if (request.speaker() != null && participants.stream().anyMatch(p -> request.speaker().equals(p.speaker()))) {
            throw speakerTaken();
        }
        Participant added = new Participant(newId.get(), request.speaker(), request.name(), null);
        List<Participant> after = new ArrayList<>(participants);
        after.add(added);
        return new Changed(List.copyOf(after), added);
    }

    /** The names and numbers the request sends, checked against the others' numbers only when one is sent. */
    static Changed update(List<Participant> participants, String participantId, ParticipantChanges changes) {
        int at = indexOf(participants, participantId);
        Integer speaker = changes.speaker() == null ? null : changes.speaker().value();
        if (speaker != null && participants.stream()
                .anyMatch(p -> speaker.equals(p.speaker()) && !participantId.equals(p.id()))) {
            throw speakerTaken();
        }
        Participant participant = participants.get(at);
        if (changes.speaker() != null) {
            participant = participant.withSpeaker(speaker);
        }
        if (changes.name() != null) {
            participant = participant.withName(changes.name());
        }
        List<Participant> after = new ArrayList<>(participants);
        after.set(at, participant);
        return new Changed(List.copyOf(after), participant);
    }

    /** Without the participant; the same list when it is not there. */
    static List<Participant> remove(List<Participant> participants, String participantId) {
        return participants.stream().filter(p -> !participantId.equals(p.id())).toList();
    }

    /**
     * The participant an assignment names, with a speaker number: its own, or, if it has none, the smallest one
     * no word of {@code topics} carries (then the list changes).
     */
    static Changed seated(List<Participant> participants, String participantId, List<Topic> topics) {
        int at = indexOf(participants, participantId);
        Participant participant = participants.get(at);
        if (participant.speaker() != null) {
            return new Changed(participants, participant);
        }
        Participant seated = participant.withSpeaker(SpeakerEdits.emptySpeaker(topics));
        List<Participant> after = new ArrayList<>(participants);
        after.set(at, seated);
        return new Changed(List.copyOf(after), seated);
    }

    /** Refuses to merge two speakers that both name a participant. */
    static void checkMerge(List<Participant> participants, int from, int to) {
        boolean fromNamed = participants.stream().anyMatch(p -> Objects.equals(p.speaker(), from));
        boolean toNamed = participants.stream().anyMatch(p -> Objects.equals(p.speaker(), to));
        if (fromNamed && toNamed) {
            throw ApiException.badRequest("Both speakers are assigned to participants");
        }
    }

    private static int indexOf(List<Participant> participants, String participantId) {
        for (int i = 0; i < participants.size(); i++) {
            if (participantId.equals(participants.get(i).id())) {
                return i;
            }
        }
        throw ApiException.notFound("Participant not found");
    }

    private static ApiException speakerTaken() {
        return ApiException.badRequest("Speaker already assigned");
    }
}
