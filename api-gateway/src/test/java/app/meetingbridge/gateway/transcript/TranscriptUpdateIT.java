package app.meetingbridge.gateway.transcript;

import static app.meetingbridge.db.Tables.OUTBOX;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static app.meetingbridge.db.Tables.TRANSCRIPT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.transcripts.Participant;
import java.util.List;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code PATCH} and {@code DELETE /v1/transcripts/{id}}: the owner's changes, Reflector's rules and shapes. */
class TranscriptUpdateIT extends TranscriptEditSupport {

    @Test
    void writesTheFieldsTheOwnerSendsAndAnswersTheTranscriptWithItsParticipants() {
        String id = transcript("alice", "private");

        Response response = alice.patch("/v1/transcripts/" + id, """
                {"name": "Weekly", "title": "Plans", "short_summary": "short", "long_summary": "long",
                 "share_mode": "semi-private", "reviewed": true, "locked": false,
                 "participants": [{"id": "p-ada", "speaker": 0, "name": "Ada L."},
                                  {"speaker": 1, "name": "Robert", "user_id": "user-bob"}]}""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("name").stringValue()).isEqualTo("Weekly");
        assertThat(body.get("title").stringValue()).isEqualTo("Plans");
        assertThat(body.get("short_summary").stringValue()).isEqualTo("short");
        assertThat(body.get("long_summary").stringValue()).isEqualTo("long");
        assertThat(body.get("share_mode").stringValue()).isEqualTo("semi-private");
        assertThat(body.get("reviewed").booleanValue()).isTrue();
        assertThat(body.get("change_seq").isNumber()).isTrue();
        assertThat(body.get("participants")).hasSize(2);
        assertThat(body.get("participants").get(1).get("id").stringValue()).isNotBlank();
        assertThat(body.get("participants").get(1).get("user_id").stringValue()).isEqualTo("user-bob");
        assertThat(body.get("participants").get(1).has("email")).isTrue();
        var row = db.selectFrom(TRANSCRIPT).where(TRANSCRIPT.ID.eq(id)).fetchSingle();
        assertThat(row.getName()).isEqualTo("Weekly");
        assertThat(row.getShareMode()).isEqualTo("semi-private");
        assertThat(row.getReviewed()).isTrue();
        List<Participant> participants = storedParticipants(id);
        assertThat(participants.get(0)).isEqualTo(new Participant("p-ada", 0, "Ada L.", null));
        showsEverywhere(alice, id, initialTopics(), participants);
        // the text formats name the speakers by the new participants
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue())
                .isEqualTo("Ada L.: Hello there\nRobert: Hi Ada\nAda L.: How are\nSpeaker 2: you");
        // the transcript page reads it back: reviewed, and its new fields
        JsonNode read = alice.get("/v1/transcripts/" + id).json();
        assertThat(read.get("reviewed").booleanValue()).isTrue();
        assertThat(read.get("title").stringValue()).isEqualTo("Plans");
        // semi-private: another signed-in user may read it now
        assertThat(bob.get("/v1/transcripts/" + id).status()).isEqualTo(200);
    }

    @Test
    void clearsTheTitleAndSummariesWithNullAndLeavesWhatTheBodyDoesNotName() {
        String id = transcript("alice", "private");
        alice.patch("/v1/transcripts/" + id, "{\"title\": \"T\", \"long_summary\": \"L\"}");

        Response response = alice.patch("/v1/transcripts/" + id, "{\"title\": null}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("title").isNull()).isTrue();
        assertThat(response.json().get("long_summary").stringValue()).isEqualTo("L");
        assertThat(response.json().get("share_mode").stringValue()).isEqualTo("private");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void answersARepeatedUpdateAsTheFirst() {
        String id = transcript("alice", "private");
        String body = "{\"name\": \"Again\", \"reviewed\": true}";

        JsonNode first = alice.patch("/v1/transcripts/" + id, body).json();
        JsonNode second = alice.patch("/v1/transcripts/" + id, body).json();

        assertThat(second.get("name")).isEqualTo(first.get("name"));
        assertThat(second.get("reviewed")).isEqualTo(first.get("reviewed"));
        assertThat(second.get("participants")).isEqualTo(first.get("participants"));
    }

    @Test
    void refusesAnAnonymousCallerAnotherUserAndATranscriptWithoutOwner() {
        String id = transcript("alice", "public");
        String body = "{\"name\": \"Mine now\"}";

        assertThat(anonymous.patch("/v1/transcripts/" + id, body).status()).isEqualTo(401);
        Response other = bob.patch("/v1/transcripts/" + id, body);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("detail").stringValue()).isEqualTo("Not authorized");
        String secret = transcript("alice", "private");
        assertThat(bob.patch("/v1/transcripts/" + secret, body).json().get("detail").stringValue())
                .isEqualTo("Transcript access denied");
        assertThat(alice.patch("/v1/transcripts/no-such-transcript", body).status()).isEqualTo(404);
        String ownerless = transcript("alice", "public");
        db.update(TRANSCRIPT).set(TRANSCRIPT.USER_ID, (String) null).where(TRANSCRIPT.ID.eq(ownerless)).execute();
        assertThat(alice.patch("/v1/transcripts/" + ownerless, body).status()).isEqualTo(403);
        assertThat(db.fetchValue(TRANSCRIPT.NAME, TRANSCRIPT.ID.eq(id))).isEmpty();
    }

    @Test
    void refusesAnEditWhileTheTranscriptIsLockedButTakesUnlocking() {
        String id = transcript("alice", "private");
        lock(id);

        Response refused = alice.patch("/v1/transcripts/" + id, "{\"name\": \"Changed\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("Transcript is locked");
        assertThat(db.fetchValue(TRANSCRIPT.NAME, TRANSCRIPT.ID.eq(id))).isEmpty();

        Response unlocked = alice.patch("/v1/transcripts/" + id, "{\"locked\": false, \"name\": \"Changed\"}");
        assertThat(unlocked.status()).as(unlocked.toString()).isEqualTo(200);
        assertThat(unlocked.json().get("locked").booleanValue()).isFalse();
        assertThat(unlocked.json().get("name").stringValue()).isEqualTo("Changed");
    }

    @Test
    void refusesMalformedBodiesWith422NamingEveryField() {
        String id = transcript("alice", "private");

        Response badJson = alice.patch("/v1/transcripts/" + id, "{\"name\": ");
        Response wrongTypes = alice.patch("/v1/transcripts/" + id, """
                {"name": 5, "locked": "yes", "share_mode": "everyone", "title": [], "reviewed": null,
                 "participants": [{"name": "No speaker"}, {"speaker": "one", "name": 2}, 7]}""");
        Response notAnObject = alice.patch("/v1/transcripts/" + id, "[1, 2]");

        assertThat(badJson.status()).isEqualTo(422);
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(wrongTypes.status()).as(wrongTypes.toString()).isEqualTo(422);
        List<String> fields = wrongTypes.json().get("detail").valueStream()
                .map(problem -> String.join(".", problem.get("loc").valueStream().map(JsonNode::asString).toList()))
                .toList();
        assertThat(fields).containsExactlyInAnyOrder("body.name", "body.locked", "body.share_mode", "body.title",
                "body.reviewed", "body.participants.0.speaker", "body.participants.1.speaker",
                "body.participants.1.name", "body.participants.2");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String id = transcript("alice", "private");
        String huge = "{\"long_summary\": \"" + "x".repeat(300 * 1024) + "\"}";

        Response response = alice.patch("/v1/transcripts/" + id, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(db.fetchValue(TRANSCRIPT.LONG_SUMMARY, TRANSCRIPT.ID.eq(id))).isNull();
    }

    @Test
    void deletesTheTranscriptItsAudioItsEventsAndTellsTheOwner() {
        String id = transcript("alice", "private");
        String recording = recordingOf(id);
        store(id + "/audio.mp3", "mp3");
        store(id + "/audio.json", "{\"data\":[]}");
        store(id + "/extra/other.bin", "x");
        store("recordings/" + recording + "/track-0.webm", "track");
        String neighbour = transcript("alice", "private");
        store(neighbour + "/audio.mp3", "keep me");
        db.insertInto(TRANSCRIPT_EVENT).set(TRANSCRIPT_EVENT.TRANSCRIPT_ID, id).set(TRANSCRIPT_EVENT.EVENT, "STATUS")
                .set(TRANSCRIPT_EVENT.DATA, JSONB.valueOf("{\"value\":\"ended\"}")).execute();

        Response response = alice.delete("/v1/transcripts/" + id);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").stringValue()).isEqualTo("ok");
        assertThat(db.fetchExists(TRANSCRIPT, TRANSCRIPT.ID.eq(id))).isFalse();
        assertThat(db.fetchExists(TRANSCRIPT_EVENT, TRANSCRIPT_EVENT.TRANSCRIPT_ID.eq(id))).isFalse();
        assertThat(storedKeys(id + "/")).isEmpty();
        assertThat(storedKeys("recordings/" + recording + "/")).isEmpty();
        assertThat(storedKeys(neighbour + "/")).containsExactly(neighbour + "/audio.mp3");
        // the recording's row stays: a provider repeating its notice finds it done
        assertThat(db.fetchExists(RECORDING, RECORDING.ID.eq(recording))).isTrue();
        var told = db.selectFrom(OUTBOX).where(OUTBOX.ROUTING_KEY.eq("transcript.event"))
                .and(OUTBOX.PAYLOAD.cast(String.class).contains(id)).fetch();
        assertThat(told).hasSize(1);
        JsonNode event = JSON.readTree(told.get(0).getPayload().data());
        assertThat(event.toString()).contains("TRANSCRIPT_DELETED").contains("alice");
        assertThat(alice.get("/v1/transcripts/" + id).status()).isEqualTo(404);
        assertThat(alice.get("/v1/transcripts/" + neighbour).status()).isEqualTo(200);
    }

    @Test
    void answersARepeatedDeleteWith404() {
        String id = transcript("alice", "private");

        assertThat(alice.delete("/v1/transcripts/" + id).status()).isEqualTo(200);
        Response again = alice.delete("/v1/transcripts/" + id);

        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("detail").stringValue()).isEqualTo("Transcript not found");
    }

    @Test
    void refusesToDeleteForAnAnonymousCallerOrAnotherUser() {
        String id = transcript("alice", "public");
        store(id + "/audio.mp3", "mp3");

        assertThat(anonymous.delete("/v1/transcripts/" + id).status()).isEqualTo(401);
        Response other = bob.delete("/v1/transcripts/" + id);

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().get("detail").stringValue()).isEqualTo("Not authorized");
        assertThat(db.fetchExists(TRANSCRIPT, TRANSCRIPT.ID.eq(id))).isTrue();
        assertThat(storedKeys(id + "/")).containsExactly(id + "/audio.mp3");
    }
}
