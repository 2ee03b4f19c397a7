package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.gateway.transcript.TranscriptChanges.Value;
import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EditRequestsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> problems(Runnable read) {
        try {
            read.run();
            return List.of();
        } catch (InvalidRequestException e) {
            return e.problems().stream().map(problem -> String.join(".", problem.loc()) + " " + problem.type())
                    .toList();
        }
    }

    @Test
    void readsOnlyTheFieldsAnUpdateNamesAndNullAsClearing() {
        TranscriptChanges changes = EditRequests.update(JSON.readTree("{\"title\": null, \"reviewed\": true}"));

        assertThat(changes).isEqualTo(new TranscriptChanges(null, null, new Value<>(null), null, null, null, null,
                true, null));
        assertThat(changes.unlocks()).isFalse();
        assertThat(EditRequests.update(JSON.readTree("{\"locked\": false}")).unlocks()).isTrue();
    }

    @Test
    void givesAParticipantWithoutIdANewOneAndKeepsTheRest() {
        TranscriptChanges changes = EditRequests.update(JSON.readTree(
                "{\"participants\": [{\"speaker\": null, \"name\": \"Eve\"}, {\"id\": \"p\", \"speaker\": 1, "
                        + "\"name\": \"Bob\", \"user_id\": \"u\"}]}"));

        List<Participant> participants = TranscriptJson.participants(changes.participantsJson());
        assertThat(participants.get(0).id()).isNotBlank();
        assertThat(participants.get(0).speaker()).isNull();
        assertThat(participants.get(1)).isEqualTo(new Participant("p", 1, "Bob", "u"));
    }

    @Test
    void reportsEveryBrokenFieldOfAnUpdateAtOnce() {
        assertThat(problems(() -> EditRequests.update(JSON.readTree(
                "{\"name\": null, \"share_mode\": \"all\", \"audio_deleted\": 1, \"participants\": [{\"speaker\": 0}]}"))))
                .containsExactlyInAnyOrder("body.name string_type", "body.share_mode literal_error",
                        "body.audio_deleted bool_type", "body.participants.0.name missing");
        assertThat(problems(() -> EditRequests.update(JSON.readTree("[]"))))
                .containsExactly("body model_attributes_type");
    }

    @Test
    void readsAnAssignmentAndRefusesARangeThatEndsBeforeItStarts() {
        assertThat(EditRequests.assignment(JSON.readTree(
                "{\"participant\": \"p\", \"speaker\": null, \"timestamp_from\": 1, \"timestamp_to\": 1.5}")))
                .isEqualTo(new EditRequests.Assignment(null, "p", 1, 1.5));
        assertThat(problems(() -> EditRequests.assignment(JSON.readTree(
                "{\"speaker\": 1, \"timestamp_from\": 2, \"timestamp_to\": 1}"))))
                .containsExactly("body.timestamp_to value_error");
        assertThat(problems(() -> EditRequests.assignment(JSON.readTree("{\"speaker\": -2}"))))
                .containsExactlyInAnyOrder("body.speaker greater_than_equal", "body.timestamp_from missing",
                        "body.timestamp_to missing");
    }

    @Test
    void readsAMergeOfTwoWholeSpeakerNumbers() {
        assertThat(EditRequests.merge(JSON.readTree("{\"speaker_from\": 3, \"speaker_to\": 0}")))
                .isEqualTo(new EditRequests.Merge(3, 0));
        assertThat(problems(() -> EditRequests.merge(JSON.readTree("{\"speaker_from\": 3.5}"))))
                .containsExactlyInAnyOrder("body.speaker_from int_type", "body.speaker_to missing");
    }

    @Test
    void tellsATakenAwaySpeakerFromAnUnnamedOne() {
        assertThat(EditRequests.participantChanges(JSON.readTree("{\"speaker\": null}")).speaker())
                .isEqualTo(new Value<Integer>(null));
        assertThat(EditRequests.participantChanges(JSON.readTree("{\"name\": \"N\"}")).speaker()).isNull();
        assertThatThrownBy(() -> EditRequests.newParticipant(JSON.readTree("{\"speaker\": 1}")))
                .isInstanceOf(InvalidRequestException.class);
    }
}
