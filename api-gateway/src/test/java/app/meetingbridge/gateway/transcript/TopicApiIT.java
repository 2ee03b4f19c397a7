package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A transcript's topics with their segments, and one topic's words by speaker turn. */
class TopicApiIT extends TranscriptEditSupport {

    @Test
    void answersTheTopicsWithTheirSegments() {
        String id = transcript("alice", "private");

        Response response = alice.get("/v1/transcripts/" + id + "/topics");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode topics = response.json();
        assertThat(topics).hasSize(2);
        assertThat(topics.get(0).toString()).isEqualTo("{\"id\":\"t1\",\"title\":\"Greetings\",\"summary\":\"They greet\","
                + "\"timestamp\":0.0,\"duration\":2.0,\"transcript\":\"Hello there Hi Ada\",\"segments\":["
                + "{\"text\":\"Hello there\",\"start\":0.0,\"speaker\":0},{\"text\":\"Hi Ada\",\"start\":1.0,\"speaker\":1}]}");
        assertThat(topics.get(1).get("segments")).hasSize(2);
    }

    @Test
    void answersOneTopicsWordsPerSpeakerTurn() {
        String id = transcript("alice", "public");

        Response response = anonymous.get("/v1/transcripts/" + id + "/topics/t2/words-per-speaker");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode topic = response.json();
        assertThat(topic.get("id").stringValue()).isEqualTo("t2");
        assertThat(topic.get("transcript").stringValue()).isEqualTo("How are you");
        assertThat(topic.get("words_per_speaker")).hasSize(2);
        assertThat(topic.get("words_per_speaker").get(0).get("speaker").intValue()).isZero();
        assertThat(topic.get("words_per_speaker").get(0).get("words")).hasSize(2);
        assertThat(topic.get("words_per_speaker").get(1).get("words").get(0).get("text").stringValue())
                .isEqualTo("you");
    }

    @Test
    void answers404ForAnUnknownTopicAndReadsByTheShareMode() {
        String id = transcript("alice", "private");

        Response unknown = alice.get("/v1/transcripts/" + id + "/topics/t9/words-per-speaker");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("Topic not found");
        assertThat(anonymous.get("/v1/transcripts/" + id + "/topics").status()).isEqualTo(403);
        assertThat(bob.get("/v1/transcripts/" + id + "/topics/t1/words-per-speaker").status()).isEqualTo(403);
        assertThat(alice.get("/v1/transcripts/missing/topics").status()).isEqualTo(404);
    }

    @Test
    void answersWithTheFieldsItsOpenApiDocumentDescribes() {
        String id = transcript("alice", "private");
        JsonNode schemas = anonymous.get("/openapi.json").json().get("components").get("schemas");

        JsonNode topic = alice.get("/v1/transcripts/" + id + "/topics").json().get(0);
        JsonNode perSpeaker = alice.get("/v1/transcripts/" + id + "/topics/t1/words-per-speaker").json();
        JsonNode updated = alice.patch("/v1/transcripts/" + id, "{}").json();

        assertThat(topic.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptTopic").get("properties").propertyNames());
        assertThat(perSpeaker.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptTopicWithWordsPerSpeaker").get("properties").propertyNames());
        assertThat(updated.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("GetTranscriptWithParticipants").get("properties").propertyNames());
        assertThat(updated.get("participants").get(0).propertyNames()).containsExactlyInAnyOrderElementsOf(
                schemas.get("TranscriptParticipantWithEmail").get("properties").propertyNames());
    }
}
