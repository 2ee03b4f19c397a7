package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.transcripts.Participant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A transcript's participants one by one: Reflector's rules, the owner's only, shown in every format. */
class ParticipantApiIT extends TranscriptEditSupport {

    @Test
    void addsAParticipantThatNamesItsSpeakerEverywhere() {
        String id = transcript("alice", "private");

        Response response = alice.post("/v1/transcripts/" + id + "/participants",
                "{\"speaker\": 2, \"name\": \"Carol\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode added = response.json();
        assertThat(added.get("speaker").intValue()).isEqualTo(2);
        assertThat(added.get("name").stringValue()).isEqualTo("Carol");
        List<Participant> expected = new ArrayList<>(initialParticipants());
        expected.add(new Participant(added.get("id").stringValue(), 2, "Carol", null));
        showsEverywhere(alice, id, initialTopics(), expected);
        assertThat(alice.get("/v1/transcripts/" + id + "?transcript_format=text-timestamped").json()
                .get("transcript").stringValue()).endsWith("[00:02] Carol: you");
        assertThat(alice.get("/v1/transcripts/" + id + "/participants/" + added.get("id").stringValue()).json()
                .get("name").stringValue()).isEqualTo("Carol");
    }

    @Test
    void refusesASpeakerNumberAnotherParticipantHas() {
        String id = transcript("alice", "private");

        Response added = alice.post("/v1/transcripts/" + id + "/participants", "{\"speaker\": 1, \"name\": \"Twin\"}");
        Response changed = alice.patch("/v1/transcripts/" + id + "/participants/p-ada", "{\"speaker\": 1}");

        assertThat(added.status()).isEqualTo(400);
        assertThat(added.json().get("detail").stringValue()).isEqualTo("Speaker already assigned");
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.json().get("detail").stringValue()).isEqualTo("Speaker already assigned");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void addsAParticipantWithoutASpeakerEachTimeItIsAsked() {
        String id = transcript("alice", "private");

        String first = alice.post("/v1/transcripts/" + id + "/participants", "{\"name\": \"Dan\"}").json()
                .get("id").stringValue();
        String second = alice.post("/v1/transcripts/" + id + "/participants", "{\"name\": \"Dan\"}").json()
                .get("id").stringValue();

        assertThat(first).isNotEqualTo(second);
        assertThat(storedParticipants(id)).hasSize(5);
    }

    @Test
    void changesANameOrASpeakerAndKeepsWhatTheBodyDoesNotName() {
        String id = transcript("alice", "private");

        Response renamed = alice.patch("/v1/transcripts/" + id + "/participants/p-bob", "{\"name\": \"Robert\"}");
        Response seated = alice.patch("/v1/transcripts/" + id + "/participants/p-eve", "{\"speaker\": 2}");
        Response again = alice.patch("/v1/transcripts/" + id + "/participants/p-eve", "{\"speaker\": 2}");

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("speaker").intValue()).isEqualTo(1);
        assertThat(seated.json().get("name").stringValue()).isEqualTo("Eve");
        assertThat(again.json()).isEqualTo(seated.json());
        List<Participant> expected = List.of(new Participant("p-ada", 0, "Ada", "user-ada"),
                new Participant("p-bob", 1, "Robert", null), new Participant("p-eve", 2, "Eve", null));
        showsEverywhere(alice, id, initialTopics(), expected);
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue())
                .isEqualTo("Ada: Hello there\nRobert: Hi Ada\nAda: How are\nEve: you");

        Response unseated = alice.patch("/v1/transcripts/" + id + "/participants/p-eve", "{\"speaker\": null}");
        assertThat(unseated.json().get("speaker").isNull()).isTrue();
    }

    @Test
    void removesAParticipantAndAnswersOkWhenItIsAlreadyGone() {
        String id = transcript("alice", "private");

        Response removed = alice.delete("/v1/transcripts/" + id + "/participants/p-bob");
        Response again = alice.delete("/v1/transcripts/" + id + "/participants/p-bob");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(again.status()).isEqualTo(200);
        showsEverywhere(alice, id, initialTopics(), List.of(initialParticipants().get(0),
                initialParticipants().get(2)));
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue())
                .contains("Speaker 1: Hi Ada");
        assertThat(alice.get("/v1/transcripts/" + id + "/participants/p-bob").status()).isEqualTo(404);
    }

    @Test
    void answers404ForAnUnknownParticipant() {
        String id = transcript("alice", "private");

        Response read = alice.get("/v1/transcripts/" + id + "/participants/nobody");
        Response changed = alice.patch("/v1/transcripts/" + id + "/participants/nobody", "{\"name\": \"X\"}");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("detail").stringValue()).isEqualTo("Participant not found");
        assertThat(changed.status()).isEqualTo(404);
    }

    @Test
    void letsOnlyTheOwnerChangeParticipantsAndReadersReadThem() {
        String id = transcript("alice", "public");

        assertThat(anonymous.get("/v1/transcripts/" + id + "/participants/p-ada").status()).isEqualTo(200);
        assertThat(anonymous.post("/v1/transcripts/" + id + "/participants", "{\"name\": \"X\"}").status())
                .isEqualTo(401);
        assertThat(anonymous.delete("/v1/transcripts/" + id + "/participants/p-ada").status()).isEqualTo(401);
        assertThat(bob.post("/v1/transcripts/" + id + "/participants", "{\"name\": \"X\"}").status()).isEqualTo(403);
        assertThat(bob.patch("/v1/transcripts/" + id + "/participants/p-ada", "{\"name\": \"X\"}").status())
                .isEqualTo(403);
        assertThat(bob.delete("/v1/transcripts/" + id + "/participants/p-ada").status()).isEqualTo(403);
        String secret = transcript("alice", "private");
        assertThat(bob.get("/v1/transcripts/" + secret + "/participants/p-ada").status()).isEqualTo(403);
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void refusesParticipantChangesWhileTheTranscriptIsLocked() {
        String id = transcript("alice", "private");
        lock(id);

        List<Response> refused = List.of(
                alice.post("/v1/transcripts/" + id + "/participants", "{\"name\": \"X\"}"),
                alice.patch("/v1/transcripts/" + id + "/participants/p-ada", "{\"name\": \"X\"}"),
                alice.delete("/v1/transcripts/" + id + "/participants/p-ada"));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").stringValue()).isEqualTo("Transcript is locked");
        });
        assertThat(storedParticipants(id)).isEqualTo(initialParticipants());
    }

    @Test
    void refusesMalformedAndOversizedBodies() {
        String id = transcript("alice", "private");

        Response noName = alice.post("/v1/transcripts/" + id + "/participants", "{\"speaker\": 3}");
        Response wrongTypes = alice.post("/v1/transcripts/" + id + "/participants",
                "{\"speaker\": \"three\", \"name\": 3}");
        Response badJson = alice.patch("/v1/transcripts/" + id + "/participants/p-ada", "{name: X}");
        Response nullName = alice.patch("/v1/transcripts/" + id + "/participants/p-ada", "{\"name\": null}");
        Response huge = alice.post("/v1/transcripts/" + id + "/participants",
                "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}");

        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"name\"]");
        assertThat(noName.json().get("detail").get(0).get("type").stringValue()).isEqualTo("missing");
        assertThat(wrongTypes.status()).isEqualTo(422);
        assertThat(wrongTypes.json().get("detail")).hasSize(2);
        assertThat(badJson.status()).isEqualTo(422);
        assertThat(nullName.status()).isEqualTo(422);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(storedParticipants(id)).isEqualTo(initialParticipants());
    }
}
