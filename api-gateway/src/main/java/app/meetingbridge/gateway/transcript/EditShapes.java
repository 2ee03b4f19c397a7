package app.meetingbridge.gateway.transcript;

import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Segment;
import app.meetingbridge.transcripts.SpeakerWords;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the transcript edits and of the topic views, under Reflector's schema names: the answers (records
 * the controllers return) and, for the OpenAPI document only, the bodies the controllers read as JSON trees
 * (checked by {@link EditRequests}).
 */
final class EditShapes {

    private EditShapes() {
    }

    @Schema(name = "GetTranscriptTopic")
    record TopicView(String id, String title, String summary, double timestamp, @Nullable Double duration,
                     String transcript, List<TranscriptSchemas.Segment> segments) {

        static TopicView of(Topic topic) {
            return new TopicView(topic.id(), topic.title(), topic.summary(), topic.timestamp(), topic.duration(),
                    topic.text(), segmentsOf(topic));
        }
    }

    @Schema(name = "GetTranscriptTopicWithWordsPerSpeaker")
    record TopicWithWordsPerSpeaker(String id, String title, String summary, double timestamp,
                                    @Nullable Double duration, String transcript,
                                    List<TranscriptSchemas.Segment> segments, List<SpeakerWordsView> wordsPerSpeaker) {

        static TopicWithWordsPerSpeaker of(Topic topic) {
            return new TopicWithWordsPerSpeaker(topic.id(), topic.title(), topic.summary(), topic.timestamp(),
                    topic.duration(), topic.text(), segmentsOf(topic),
                    topic.wordsPerSpeaker().stream().map(SpeakerWordsView::of).toList());
        }
    }

    @Schema(name = "SpeakerWords")
    record SpeakerWordsView(int speaker, List<TranscriptSchemas.Word> words) {

        static SpeakerWordsView of(SpeakerWords turn) {
            return new SpeakerWordsView(turn.speaker(), turn.words().stream().map(EditShapes::word).toList());
        }
    }

    @Schema(name = "DeletionStatus")
    record DeletionStatus(String status) {

        static final DeletionStatus OK = new DeletionStatus("ok");
    }

    @Schema(name = "SpeakerAssignmentStatus")
    record SpeakerAssignmentStatus(String status) {

        static final SpeakerAssignmentStatus OK = new SpeakerAssignmentStatus("ok");
    }

    static TranscriptSchemas.Participant participant(Participant participant) {
        return new TranscriptSchemas.Participant(participant.id(), participant.speaker(), nameOf(participant),
                participant.userId());
    }

    private static String nameOf(Participant participant) {
        return participant.name() == null ? "" : participant.name();
    }

    /** A topic with its segments and its words ({@code GetTranscriptTopicWithWords}). */
    static TranscriptSchemas.TopicWithWords topicWithWords(Topic topic) {
        return new TranscriptSchemas.TopicWithWords(topic.id(), topic.title(), topic.summary(), topic.timestamp(),
                topic.duration(), topic.text(), segmentsOf(topic),
                topic.words().stream().map(EditShapes::word).toList());
    }

    private static List<TranscriptSchemas.Segment> segmentsOf(Topic topic) {
        return topic.segments().stream().map(EditShapes::segment).toList();
    }

    private static TranscriptSchemas.Segment segment(Segment segment) {
        return new TranscriptSchemas.Segment(segment.text(), segment.start(), segment.speaker());
    }

    private static TranscriptSchemas.Word word(Word word) {
        return new TranscriptSchemas.Word(word.text(), word.start(), word.end(), word.speaker());
    }

    // The bodies, for the OpenAPI document only.

    /** Only the fields sent change; {@code title} and the summaries may be cleared with null. */
    @Schema(name = "UpdateTranscript")
    record UpdateTranscript(@Nullable String name, @Nullable Boolean locked, @Nullable String title,
                            @Nullable String shortSummary, @Nullable String longSummary, @Nullable String shareMode,
                            @Nullable List<TranscriptParticipant> participants, @Nullable Boolean reviewed,
                            @Nullable Boolean audioDeleted) {
    }

    @Schema(name = "TranscriptParticipant")
    record TranscriptParticipant(@Nullable String id, @Nullable Integer speaker, String name,
                                 @Nullable String userId) {
    }

    @Schema(name = "CreateParticipant")
    record CreateParticipant(@Nullable Integer speaker, String name) {
    }

    @Schema(name = "UpdateParticipant")
    record UpdateParticipant(@Nullable Integer speaker, @Nullable String name) {
    }

    @Schema(name = "SpeakerAssignment")
    record SpeakerAssignment(@Nullable Integer speaker, @Nullable String participant, double timestampFrom,
                             double timestampTo) {
    }

    @Schema(name = "SpeakerMerge")
    record SpeakerMerge(int speakerFrom, int speakerTo) {
    }
}
