package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.testsupport.HttpJson.Response;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.SpeakerEdits;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The speaker corrections: Reflector's rules, the owner's only, one at a time per transcript, shown everywhere. */
class SpeakerEditIT extends TranscriptEditSupport {

    @Test
    void assignsTheWordsOfATimeRangeToASpeaker() {
        String id = transcript("alice", "private");

        Response response = alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"speaker\": 1, \"timestamp_from\": 0.5, \"timestamp_to\": 2.0}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").stringValue()).isEqualTo("ok");
        showsEverywhere(alice, id, SpeakerEdits.assign(initialTopics(), 0.5, 2.0, 1), initialParticipants());
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue())
                .isEqualTo("Ada: Hello\nBob: there Hi Ada\nBob: How\nAda: are\nSpeaker 2: you");
        assertThat(alice.get("/v1/transcripts/" + id + "/topics/t1/words-per-speaker").json()
                .get("words_per_speaker").toString())
                .isEqualTo("[{\"speaker\":0,\"words\":[{\"text\":\"Hello\",\"start\":0.0,\"end\":0.4,\"speaker\":0}]},"
                        + "{\"speaker\":1,\"words\":[{\"text\":\"there\",\"start\":0.5,\"end\":0.9,\"speaker\":1},"
                        + "{\"text\":\"Hi\",\"start\":1.0,\"end\":1.4,\"speaker\":1},"
                        + "{\"text\":\"Ada\",\"start\":1.5,\"end\":1.9,\"speaker\":1}]}]");
    }

    @Test
    void assignsToAParticipantWithoutSpeakerTheFirstFreeSpeakerNumber() {
        String id = transcript("alice", "private");

        Response response = alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"participant\": \"p-eve\", \"timestamp_from\": 2.7, \"timestamp_to\": 2.7}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Participant> participants = new ArrayList<>(initialParticipants());
        participants.set(2, new Participant("p-eve", 3, "Eve", null));
        showsEverywhere(alice, id, SpeakerEdits.assign(initialTopics(), 2.7, 2.7, 3), participants);
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue()).endsWith("Eve: you");

        // the same request again changes nothing more: Eve keeps her number
        alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"participant\": \"p-eve\", \"timestamp_from\": 2.7, \"timestamp_to\": 2.7}");
        showsEverywhere(alice, id, SpeakerEdits.assign(initialTopics(), 2.7, 2.7, 3), participants);
    }

    @Test
    void assignsToAParticipantWithASpeakerThatNumber() {
        String id = transcript("alice", "private");

        alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"participant\": \"p-ada\", \"timestamp_from\": 1.0, \"timestamp_to\": 1.9}");

        showsEverywhere(alice, id, SpeakerEdits.assign(initialTopics(), 1.0, 1.9, 0), initialParticipants());
    }

    @Test
    void mergesOneSpeakerIntoAnotherAndAnswersTheSameWhenRepeated() {
        String id = transcript("alice", "private");

        Response first = alice.patch("/v1/transcripts/" + id + "/speaker/merge",
                "{\"speaker_from\": 2, \"speaker_to\": 1}");
        Response second = alice.patch("/v1/transcripts/" + id + "/speaker/merge",
                "{\"speaker_from\": 2, \"speaker_to\": 1}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        showsEverywhere(alice, id, SpeakerEdits.merge(initialTopics(), 2, 1), initialParticipants());
        assertThat(alice.get("/v1/transcripts/" + id).json().get("transcript").stringValue()).endsWith("Bob: you");
    }

    @Test
    void refusesToMergeTwoSpeakersThatAreBothParticipants() {
        String id = transcript("alice", "private");

        Response response = alice.patch("/v1/transcripts/" + id + "/speaker/merge",
                "{\"speaker_from\": 0, \"speaker_to\": 1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").stringValue()).isEqualTo("Both speakers are assigned to participants");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void refusesAnAssignmentWithNeitherOrBothOfSpeakerAndParticipant() {
        String id = transcript("alice", "private");

        Response neither = alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"timestamp_from\": 0, \"timestamp_to\": 1}");
        Response both = alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"speaker\": 1, \"participant\": \"p-ada\", \"timestamp_from\": 0, \"timestamp_to\": 1}");
        Response unknown = alice.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"participant\": \"nobody\", \"timestamp_from\": 0, \"timestamp_to\": 1}");

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("detail").stringValue()).isEqualTo("Either speaker or participant must be provided");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("detail").stringValue()).isEqualTo("Only one of speaker or participant must be provided");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("Participant not found");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void refusesMalformedAndOversizedBodiesWith422And413() {
        String id = transcript("alice", "private");
        String assign = "/v1/transcripts/" + id + "/speaker/assign";
        String merge = "/v1/transcripts/" + id + "/speaker/merge";

        List<Response> malformed = List.of(
                alice.patch(assign, "{\"speaker\": 1, \"timestamp_from\": 0"),
                alice.patch(assign, "{\"speaker\": 1}"),
                alice.patch(assign, "{\"speaker\": \"one\", \"timestamp_from\": 0, \"timestamp_to\": 1}"),
                alice.patch(assign, "{\"speaker\": -1, \"timestamp_from\": 0, \"timestamp_to\": 1}"),
                alice.patch(assign, "{\"speaker\": 1, \"timestamp_from\": \"0\", \"timestamp_to\": 1}"),
                alice.patch(assign, "{\"speaker\": 1, \"timestamp_from\": 2, \"timestamp_to\": 1}"),
                alice.patch(assign, "\"assign\""),
                alice.patch(merge, "{\"speaker_from\": 1}"),
                alice.patch(merge, "{\"speaker_from\": 1.5, \"speaker_to\": null}"));
        Response huge = alice.patch(merge, "{\"speaker_from\": 2, \"speaker_to\": 1, \"pad\": \""
                + "x".repeat(300 * 1024) + "\"}");

        assertThat(malformed).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                .isEqualTo(422));
        assertThat(malformed.get(5).json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"timestamp_to\"]");
        assertThat(huge.status()).isEqualTo(413);
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    @Test
    void letsOnlyTheOwnerCorrectSpeakersAndNotWhileLocked() {
        String id = transcript("alice", "public");
        String body = "{\"speaker_from\": 2, \"speaker_to\": 1}";

        assertThat(anonymous.patch("/v1/transcripts/" + id + "/speaker/merge", body).status()).isEqualTo(401);
        assertThat(bob.patch("/v1/transcripts/" + id + "/speaker/merge", body).status()).isEqualTo(403);
        assertThat(bob.patch("/v1/transcripts/" + id + "/speaker/assign",
                "{\"speaker\": 1, \"timestamp_from\": 0, \"timestamp_to\": 9}").status()).isEqualTo(403);
        assertThat(alice.patch("/v1/transcripts/missing/speaker/merge", body).status()).isEqualTo(404);
        lock(id);
        Response locked = alice.patch("/v1/transcripts/" + id + "/speaker/merge", body);
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.json().get("detail").stringValue()).isEqualTo("Transcript is locked");
        showsEverywhere(alice, id, initialTopics(), initialParticipants());
    }

    /**
     * Twenty assignments and merges at once on one transcript: every one is applied, none over another's stale
     * read. The database's own record of each committed version (a trigger on this transcript's row) shows them
     * one after the other: each version is the one before with one of the requests applied, each request once.
     */
    @Test
    void appliesConcurrentEditsOneAfterTheOtherWithoutLosingAny() throws Exception {
        String id = transcript("alice", "private");
        String audit = "edit_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        db.execute("create table " + audit + " (seq bigint generated always as identity primary key, topics jsonb)");
        db.execute("create function " + audit + "_f() returns trigger language plpgsql as $$ begin insert into "
                + audit + " (topics) values (new.topics); return new; end $$");
        db.execute("create trigger " + audit + "_t after update on transcript for each row when (new.id = '" + id
                + "') execute function " + audit + "_f()");
        try {
            List<String> bodies = new ArrayList<>();
            List<UnaryOperator<List<Topic>>> edits = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                if (i % 4 == 3) {
                    int from = 100 + i - 1;
                    int to = 200 + i;
                    bodies.add("merge:{\"speaker_from\": " + from + ", \"speaker_to\": " + to + "}");
                    edits.add(topics -> SpeakerEdits.merge(topics, from, to));
                } else {
                    // in tenths, so that the numbers sent are exactly the ones applied here
                    double start = (i % 7) * 4 / 10.0;
                    double end = ((i % 7) * 4 + 9) / 10.0;
                    int speaker = 100 + i;
                    bodies.add(String.format(Locale.ROOT, "assign:{\"speaker\": %d, \"timestamp_from\": %.1f, "
                            + "\"timestamp_to\": %.1f}", speaker, start, end));
                    edits.add(topics -> SpeakerEdits.assign(topics, start, end, speaker));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<CompletableFuture<Response>> sent = new ArrayList<>();
                for (String body : bodies) {
                    String path = "/v1/transcripts/" + id + "/speaker/" + body.substring(0, body.indexOf(':'));
                    String json = body.substring(body.indexOf(':') + 1);
                    sent.add(CompletableFuture.supplyAsync(() -> alice.patch(path, json), pool));
                }
                for (CompletableFuture<Response> response : sent) {
                    assertThat(response.get().status()).as(response.get().toString()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }

            List<List<Topic>> versions = new ArrayList<>();
            versions.add(initialTopics());
            db.fetch("select topics::text from " + audit + " order by seq")
                    .forEach(row -> versions.add(TranscriptJson.topics(row.get(0, String.class))));
            assertThat(versions).hasSize(21);
            assertThat(serialOrder(versions, edits, 1, new boolean[edits.size()]))
                    .as("every version is the one before with one request applied, each request once").isTrue();
            showsEverywhere(alice, id, versions.get(20), initialParticipants());
        } finally {
            db.execute("drop trigger " + audit + "_t on transcript");
            db.execute("drop function " + audit + "_f()");
            db.execute(DSL.query("drop table " + audit));
        }
    }

    /** Whether versions {@code at…} follow from the one before by the unused edits, one each, in some order. */
    private static boolean serialOrder(List<List<Topic>> versions, List<UnaryOperator<List<Topic>>> edits, int at,
                                       boolean[] used) {
        if (at == versions.size()) {
            return true;
        }
        for (int i = 0; i < edits.size(); i++) {
            if (!used[i] && edits.get(i).apply(versions.get(at - 1)).equals(versions.get(at))) {
                used[i] = true;
                if (serialOrder(versions, edits, at + 1, used)) {
                    return true;
                }
                used[i] = false;
            }
        }
        return false;
    }
}
