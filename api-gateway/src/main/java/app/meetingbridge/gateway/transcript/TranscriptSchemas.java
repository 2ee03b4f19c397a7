package app.meetingbridge.gateway.transcript;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the transcript endpoints answer, under Reflector's schema names (the OpenAPI document names them so), each
 * made from a {@link Transcript} or its parts by its own factory.
 */
final class TranscriptSchemas {

    private TranscriptSchemas() {
    }

    @Schema(name = "Page_GetTranscriptMinimal_")
    record TranscriptPage(List<GetTranscriptMinimal> items, int total, int page, int size, int pages) {
    }

    /**
     * Reflector's {@code GetTranscriptMinimal}; {@code duration} in milliseconds, as its Daily path stores it;
     * {@code dag_status} is always null; {@code error_reason} (ours) says why a transcript is in {@code error} when
     * we know.
     */
    @Schema(name = "GetTranscriptMinimal")
    record GetTranscriptMinimal(String id, @Nullable String userId, String name, String status, boolean locked,
                                double duration, @Nullable String title, @Nullable String shortSummary,
                                @Nullable String longSummary, String createdAt, String shareMode,
                                String sourceLanguage, String targetLanguage, boolean reviewed,
                                @Nullable String meetingId, String sourceKind, @Nullable String roomId,
                                @Nullable String roomName, boolean audioDeleted, @Nullable Object dagStatus,
                                long changeSeq, @Nullable String errorReason) {

        static GetTranscriptMinimal of(Transcript transcript) {
            return new GetTranscriptMinimal(transcript.id(), transcript.userId(), transcript.name(),
                    transcript.status(), transcript.locked(),
                    transcript.durationMs() == null ? 0.0 : transcript.durationMs().doubleValue(), transcript.title(),
                    transcript.shortSummary(), transcript.longSummary(), transcript.createdAt().toString(),
                    transcript.shareMode(), transcript.sourceLanguage(), transcript.targetLanguage(),
                    transcript.reviewed(), transcript.meetingId(), transcript.sourceKind(), transcript.roomId(),
                    transcript.roomName(), transcript.audioDeleted(), null, transcript.changeSeq(),
                    transcript.errorReason());
        }
    }

    /**
     * A transcript with its participants, as creating and updating one answer: the fields of
     * {@link GetTranscriptMinimal} but {@code dag_status}.
     */
    @Schema(name = "GetTranscriptWithParticipants")
    record GetTranscriptWithParticipants(String id, @Nullable String userId, String name, String status,
                                         boolean locked, double duration, @Nullable String title,
                                         @Nullable String shortSummary, @Nullable String longSummary, String createdAt,
                                         String shareMode, String sourceLanguage, String targetLanguage,
                                         boolean reviewed, @Nullable String meetingId, String sourceKind,
                                         @Nullable String roomId, @Nullable String roomName, boolean audioDeleted,
                                         long changeSeq, @Nullable String errorReason,
                                         List<ParticipantWithEmail> participants) {

        static GetTranscriptWithParticipants of(Transcript transcript) {
            GetTranscriptMinimal m = GetTranscriptMinimal.of(transcript);
            return new GetTranscriptWithParticipants(m.id(), m.userId(), m.name(), m.status(), m.locked(),
                    m.duration(), m.title(), m.shortSummary(), m.longSummary(), m.createdAt(), m.shareMode(),
                    m.sourceLanguage(), m.targetLanguage(), m.reviewed(), m.meetingId(), m.sourceKind(), m.roomId(),
                    m.roomName(), m.audioDeleted(), m.changeSeq(), m.errorReason(),
                    TranscriptJson.participants(transcript.participantsJson()).stream()
                            .map(ParticipantWithEmail::of).toList());
        }
    }

    /**
     * One transcript with its text in the format asked for ({@code GET /v1/transcripts/{id}}): the minimal fields,
     * its action items (the language model's JSON as it is), its participants with their e-mail (always null); the
     * text is a string, or for {@code json} the list of its segments.
     */
    record TranscriptWithText(@JsonUnwrapped GetTranscriptMinimal minimal, @Nullable JsonNode actionItems,
                              List<ParticipantWithEmail> participants, String transcriptFormat, Object transcript) {
    }

    /** A participant with the email of its user (none is known to the gateway). */
    @Schema(name = "TranscriptParticipantWithEmail")
    record ParticipantWithEmail(@Nullable String id, @Nullable Integer speaker, String name, @Nullable String userId,
                                @Nullable String email) {

        static ParticipantWithEmail of(app.meetingbridge.transcripts.Participant participant) {
            return new ParticipantWithEmail(participant.id(), participant.speaker(),
                    participant.name() == null ? "" : participant.name(), participant.userId(), null);
        }
    }

    @Schema(name = "Participant")
    record Participant(@Nullable String id, @Nullable Integer speaker, String name, @Nullable String userId) {
    }

    @Schema(name = "GetTranscriptTopicWithWords")
    record TopicWithWords(String id, String title, String summary, double timestamp, @Nullable Double duration,
                          String transcript, List<Segment> segments, List<Word> words) {
    }

    @Schema(name = "GetTranscriptSegmentTopic")
    record Segment(String text, double start, int speaker) {
    }

    @Schema(name = "Word")
    record Word(String text, double start, double end, int speaker) {
    }

    /** 255 numbers between 0 and 1. */
    @Schema(name = "AudioWaveform")
    record AudioWaveform(List<Double> data) {
    }

    @Schema(name = "ProcessStatus")
    record ProcessStatus(String status) {
    }
}
