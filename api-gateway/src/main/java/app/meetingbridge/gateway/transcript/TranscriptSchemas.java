package app.meetingbridge.gateway.transcript;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * For the OpenAPI document only: the maps {@link TranscriptController} answers with, field for field, under
 * Reflector's schema names. A field added to one of those maps belongs here too.
 */
final class TranscriptSchemas {

    private TranscriptSchemas() {
    }

    @Schema(name = "Page_GetTranscriptMinimal_")
    record TranscriptPage(List<GetTranscriptMinimal> items, int total, int page, int size, int pages) {
    }

    /** {@code TranscriptController.minimal}; {@code dag_status} is always null. */
    @Schema(name = "GetTranscriptMinimal")
    record GetTranscriptMinimal(String id, @Nullable String userId, String name, String status, boolean locked,
                                double duration, @Nullable String title, @Nullable String shortSummary,
                                @Nullable String longSummary, String createdAt, String shareMode,
                                String sourceLanguage, String targetLanguage, boolean reviewed,
                                @Nullable String meetingId, String sourceKind, @Nullable String roomId,
                                @Nullable String roomName, boolean audioDeleted, @Nullable Object dagStatus,
                                long changeSeq, @Nullable String errorReason) {
    }

    /** {@code TranscriptCreateController.create}: a new transcript, as {@code TranscriptController.minimal} with its participants. */
    @Schema(name = "GetTranscriptWithParticipants")
    record GetTranscriptWithParticipants(String id, @Nullable String userId, String name, String status,
                                         boolean locked, double duration, @Nullable String title,
                                         @Nullable String shortSummary, @Nullable String longSummary, String createdAt,
                                         String shareMode, String sourceLanguage, String targetLanguage,
                                         boolean reviewed, @Nullable String meetingId, String sourceKind,
                                         @Nullable String roomId, @Nullable String roomName, boolean audioDeleted,
                                         long changeSeq, @Nullable String errorReason,
                                         List<ParticipantWithEmail> participants) {
    }

    @Schema(name = "TranscriptParticipantWithEmail")
    record ParticipantWithEmail(@Nullable String id, @Nullable Integer speaker, String name, @Nullable String userId,
                                @Nullable String email) {
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
