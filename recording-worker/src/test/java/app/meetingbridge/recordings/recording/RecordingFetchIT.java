package app.meetingbridge.recordings.recording;

import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.PARTICIPANT_SESSION;
import static app.meetingbridge.db.Tables.TRANSCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.Topology;
import app.meetingbridge.recordings.RecordingsExchange;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.JsonNode;

/**
 * {@code recording.ready} in, the recording's objects in the transcript storage and its mixed audio beside its
 * transcript out, with the state on the {@code recording} row: fetched once however often the message comes,
 * refused keys never read, a missing object or unreadable audio retried and then dead-lettered. No transcription
 * backend here: transcripts stop at {@code uploaded}.
 */
class RecordingFetchIT extends RecordingTestSupport {

    @Test
    void fetchesEveryTrackOfARawTracksRecordingAndMixesThemAtTheirOffsets() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String cy = UUID.randomUUID().toString();
        db.insertInto(PARTICIPANT_SESSION).set(PARTICIPANT_SESSION.MEETING_ID, meeting)
                .set(PARTICIPANT_SESSION.SESSION_ID, ada).set(PARTICIPANT_SESSION.USER_NAME, "Ada")
                .set(PARTICIPANT_SESSION.USER_ID, "user-ada").set(PARTICIPANT_SESSION.JOINED_AT, Instant.now()).execute();
        long start = 1732600005500L;
        // Ada from the start for 2 s, Bob from 1.5 s for 1 s, Cy from 4 s for 1.5 s: 5.5 s in all
        List<String> keys = List.of("acme/room/" + start + "-" + ada + "-cam-audio-" + start,
                "acme/room/" + start + "-" + bob + "-cam-audio-" + (start + 1500),
                "acme/room/" + start + "-" + cy + "-cam-audio-" + (start + 4000),
                "acme/room/" + start + "-" + ada + "-screen-audio-" + (start + 100));
        List<byte[]> contents = List.of(tone(440, 2), tone(660, 1), tone(880, 1.5), tone(220, 9));
        for (int i = 0; i < keys.size(); i++) {
            put(keys.get(i), contents.get(i));
        }

        announce(id, meeting, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        await(() -> inState(id, "processing") && transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(copy(id, keys.get(i))).isEqualTo(contents.get(i));
        }
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getMeetingId()).isEqualTo(meeting);
        assertThat(transcript.getUserId()).isEqualTo("owner-1");
        assertThat(transcript.getShareMode()).isEqualTo("public");
        assertThat(transcript.getDurationMs()).isBetween(5400L, 5700L);
        JsonNode participants = json.readTree(transcript.getParticipants().data());
        assertThat(participants).hasSize(3);
        assertThat(participants.get(0).get("name").stringValue()).isEqualTo("Ada");
        assertThat(participants.get(0).get("user_id").stringValue()).isEqualTo("user-ada");
        assertThat(participants.get(1).get("name").stringValue()).isEqualTo("Speaker 1");
        assertThat(participants.get(2).get("id").stringValue()).isEqualTo(cy);
        assertThat(participants.get(2).get("speaker").intValue()).isEqualTo(2);
        byte[] mp3 = s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS).key(transcript.getId() + "/audio.mp3"))
                .asByteArray();
        assertThat(mp3.length).isGreaterThan(10_000);
        JsonNode waveform = json.readTree(s3.getObjectAsBytes(request -> request.bucket(TRANSCRIPTS)
                .key(transcript.getId() + "/audio.json")).asByteArray()).get("data");
        assertThat(waveform).hasSize(255);
        // 3.0–4.0 s is silence (Ada and Bob have stopped, Cy has not started); 0.5–1.5 s is Ada alone
        assertThat(peak(waveform, 3.1, 3.9, transcript.getDurationMs())).isLessThan(0.05);
        assertThat(peak(waveform, 0.5, 1.4, transcript.getDurationMs())).isGreaterThan(0.3);
        assertThat(row(id).getAttempts()).isZero();
        assertThat(row(id).getLastError()).isNull();
    }

    @Test
    void fetchesOnceHoweverOftenTheRecordingIsAnnounced() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        byte[] content = tone(500, 1);
        put(key, content);
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> inState(id, "processing") && transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        s3.deleteObject(request -> request.bucket(DAILY_BUCKET).key(key)); // a second fetch would now fail

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        // the queue has one consumer, which takes it in order: once a recording announced after the repeats is dealt
        // with (one naming no object fails at once, for good), the repeats have been
        String sentinel = "sentinel-" + UUID.randomUUID();
        announce(sentinel, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, List.of());
        await(() -> inState(sentinel, "failed"));

        assertThat(db.fetchCount(RECORDING, RECORDING.PROVIDER_RECORDING_ID.eq(id))).isEqualTo(1);
        assertThat(row(id).getState()).isEqualTo("processing");
        assertThat(row(id).getAttempts()).isZero();
        assertThat(copy(id, key)).isEqualTo(content);
        assertThat(db.fetchCount(TRANSCRIPT, TRANSCRIPT.RECORDING_ID.eq(row(id).getId()))).isEqualTo(1);
        // it matched no meeting: kept, read by nobody until claimed
        assertThat(transcriptOf(id).getUserId()).isNull();
        assertThat(transcriptOf(id).getShareMode()).isEqualTo("private");
    }

    @Test
    void aMessageThatIsNotARecordingIsParkedInTheDeadLetterQueueAndTheNextOneStillFlows() throws Exception {
        String garbage = "not json " + UUID.randomUUID();
        String incomplete = "{\"eventId\":\"recording-ready:daily:" + UUID.randomUUID() + "\"}";
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(470, 1));

        RecordingsExchange.publish(rabbit, Topology.RECORDING_READY, garbage.getBytes());
        RecordingsExchange.publish(rabbit, Topology.RECORDING_READY, incomplete.getBytes());
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        List<String> parked = new ArrayList<>();
        await(() -> {
            Message message = rabbit.receive(QUEUE + ".dlq");
            if (message != null) {
                parked.add(new String(message.getBody()));
            }
            return parked.contains(garbage) && parked.contains(incomplete);
        });
    }

    @Test
    void anAnnouncementLackingWhatARecordingNeedsOrLargerThanAnyRecordingIsDeadLetteredAtOnceWithItsReason()
            throws Exception {
        byte[] noId = json.writeValueAsBytes(new RecordingReady("recording-ready:daily:" + UUID.randomUUID(),
                Instant.now(), Platform.DAILY, null, null, RecordingReady.Kind.CLOUD,
                DAILY_BUCKET, List.of("acme/room/x"), Instant.now()));
        String noBucket = "rec-" + UUID.randomUUID();
        String tooMany = "rec-" + UUID.randomUUID();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i <= UnusableMessage.MAX_OBJECTS; i++) {
            keys.add("acme/room/" + tooMany + "-" + i + ".webm");
        }

        RecordingsExchange.publish(rabbit, Topology.RECORDING_READY, noId);
        announce(noBucket, RecordingReady.Kind.CLOUD, " ", List.of("acme/room/" + noBucket));
        announce(tooMany, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, keys);

        List<String> reasons = new ArrayList<>();
        await(() -> {
            Message parked = rabbit.receive(QUEUE + ".dlq");
            if (parked != null) {
                reasons.add(String.valueOf((Object) parked.getMessageProperties().getHeader("x-exception-message")));
            }
            return reasons.stream().filter(reason -> reason.startsWith("UnusableMessage: recording.ready")).count() >= 3;
        });
        assertThat(reasons).anyMatch(reason -> reason.contains("no providerRecordingId"))
                .anyMatch(reason -> reason.contains(noBucket) && reason.contains("no bucket"))
                .anyMatch(reason -> reason.contains(tooMany) && reason.contains("1001 objects, more than 1000"));
        assertThat(row(noBucket)).isNull();
        assertThat(row(tooMany)).isNull();
    }

    @Test
    void aRecordingOfAMeetingThatIsGoneIsTakenInUnlinked() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(430, 1));

        announce(id, UUID.randomUUID().toString(), RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        assertThat(row(id).getMeetingId()).isNull();
        assertThat(transcriptOf(id).getShareMode()).isEqualTo("private");
    }

    @Test
    void aReprocessRequestNamingNoTranscriptIsDeadLetteredAtOnceAndARedriveTakesItBackAsAReprocess()
            throws Exception {
        String request = "{\"eventId\":\"reprocess-" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-26T10:00:00Z\"}";

        RecordingsExchange.publish(rabbit, Topology.RECORDING_REPROCESS, request.getBytes());

        Message parked = parkedWith(request);
        assertThat(reason(parked)).startsWith("UnusableMessage: recording.reprocess").contains("no transcriptId");
        assertThat((Object) parked.getMessageProperties().getHeader("x-original-routingKey"))
                .isEqualTo(Topology.RECORDING_REPROCESS);

        redrive(parked);

        // read again as what it was (a reprocess request), not as the queue's name says
        assertThat(reason(parkedWith(request))).startsWith("UnusableMessage: recording.reprocess");
    }

    /** What {@code dead-letters redrive} does: the parked message, as it is, straight to the work queue. */
    void redrive(Message parked) {
        rabbit.send("", QUEUE, parked);
    }

    Message parkedWith(String body) throws InterruptedException {
        List<Message> found = new ArrayList<>();
        await(() -> {
            Message message = rabbit.receive(QUEUE + ".dlq");
            if (message != null && new String(message.getBody()).contains(body)) {
                found.add(message);
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    static String reason(Message parked) {
        return String.valueOf((Object) parked.getMessageProperties().getHeader("x-exception-message"));
    }

    @Test
    void aRecordingThatNamesNoObjectFailsOnceForGoodWithoutATranscript() throws Exception {
        String id = "rec-" + UUID.randomUUID();

        announce(id, RecordingReady.Kind.RAW_TRACKS, DAILY_BUCKET, List.of());

        await(() -> inState(id, "failed"));
        assertThat(row(id).getLastError()).startsWith("EMPTY");
        assertThat(row(id).getAttempts()).isEqualTo(1);
        assertThat(row(id).getNextRetryAt()).isNull();
        assertThat(transcriptOf(id)).isNull();
    }

    @Test
    void refusesKeysOutsideTheProviderBucketOrPrefixWithoutRetrying() throws Exception {
        String otherBucket = "rec-" + UUID.randomUUID();
        String outsidePrefix = "rec-" + UUID.randomUUID();
        put("elsewhere/secret", 10);

        announce(otherBucket, RecordingReady.Kind.CLOUD, "someone-elses-bucket", List.of("acme/room/x"));
        announce(outsidePrefix, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of("acme/../elsewhere/secret"));

        await(() -> inState(otherBucket, "failed") && inState(outsidePrefix, "failed"));
        assertThat(row(otherBucket).getLastError()).startsWith("REFUSED").contains("someone-elses-bucket");
        assertThat(row(outsidePrefix).getLastError()).startsWith("REFUSED");
        assertThat(row(outsidePrefix).getAttempts()).isEqualTo(1);
        assertThat(row(outsidePrefix).getNextRetryAt()).isNull();
        assertThat(s3.listObjectsV2(request -> request.bucket(TRANSCRIPTS).prefix("recordings/" + row(outsidePrefix).getId()))
                .contents()).isEmpty();
    }

    @Test
    void retriesAMissingObjectWithBackoffThenParksItInTheDeadLetterQueue() throws Exception {
        String id = "rec-" + UUID.randomUUID();

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of("acme/room/not-there-" + id));

        // the row as it stood after the first attempt, read once: the retry is due 200 ms later, and on a busy machine
        // a second read may already see it running
        AtomicReference<RecordingRecord> afterFirst = new AtomicReference<>();
        await(() -> {
            RecordingRecord row = row(id);
            afterFirst.set(row);
            return row != null && row.getAttempts() == 1;
        });
        RecordingRecord waiting = afterFirst.get();
        assertThat(waiting.getState()).isEqualTo("failed");
        assertThat(waiting.getLastError()).startsWith("MISSING");
        assertThat(Duration.between(waiting.getUpdatedAt(), waiting.getNextRetryAt())).isEqualTo(Duration.ofMillis(200));
        Message parked = parkedWith(id);
        assertThat(reason(parked)).contains("not-there-" + id);
        RecordingRecord row = row(id);
        assertThat(row.getState()).isEqualTo("failed");
        assertThat(row.getAttempts()).isEqualTo(3); // the first, then after 200 ms and 400 ms: the limit
        assertThat(row.getNextRetryAt()).isNull(); // given up: nothing is due
        assertThat(row.getUpdatedAt()).isAfterOrEqualTo(waiting.getUpdatedAt().plusMillis(600));

        put("acme/room/not-there-" + id, tone(490, 1)); // the object turns up after all
        redrive(parked);

        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
    }

    @Test
    void aTrackFfmpegCannotReadFailsTheAudioStepWhichIsRetriedThenDeadLettered() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/noise-" + id;
        put(key, 50_000); // random bytes, not audio

        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> {
            Message parked = rabbit.receive(QUEUE + ".dlq");
            return parked != null && new String(parked.getBody()).contains(id);
        });
        assertThat(row(id).getState()).isEqualTo("failed");
        assertThat(row(id).getLastError()).startsWith("AUDIO").contains("ffmpeg failed");
        assertThat(row(id).getAttempts()).isEqualTo(3);
        assertThat(transcriptOf(id).getStatus()).isEqualTo("error");
    }

    @Test
    void aRerunWhoseFetchFailsLeavesItsTranscriptInErrorNotClaimed() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/noise-" + id;
        put(key, 40_000); // not audio: the audio step fails until the recording is given up on
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> givenUp(row(id)) && "error".equals(transcriptOf(id).getStatus()));
        s3.deleteObject(request -> request.bucket(DAILY_BUCKET).key(key)); // and now its object is gone too

        reprocess(id);

        await(() -> {
            RecordingRecord now = row(id); // one read: a retry running clears the error between two
            return now.getLastError() != null && now.getLastError().startsWith("MISSING")
                    && "error".equals(transcriptOf(id).getStatus());
        });
    }

    /** Failed with nothing due, read in one go (a retry running clears the due time before it fails again). */
    static boolean givenUp(RecordingRecord row) {
        return row != null && "failed".equals(row.getState()) && row.getNextRetryAt() == null;
    }

    @Test
    void aRefusedConsentIsAppliedWithoutATranscriptionBackendOnceTheAudioIsReady() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, false);
        String key = "acme/room/" + id;
        put(key, tone(460, 1));

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> transcriptOf(id) != null && Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(transcript.getStatus()).isEqualTo("uploaded");
        assertThat(transcript.getDurationMs()).isPositive();
        assertThat(row(id).getState()).isEqualTo("processing");
        assertThat(keys(TRANSCRIPTS, transcript.getId() + "/")).isEmpty();
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).isEmpty();
        assertThat(keys(DAILY_BUCKET, key)).isEmpty();
    }

    @Test
    void reprocessingWithoutATranscriptionBackendLeavesTheTranscriptUploaded() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String key = "acme/room/" + id;
        put(key, tone(450, 1));
        announce(id, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));

        reprocess(id);

        await(() -> "uploaded".equals(transcriptOf(id).getStatus()));
        assertThat(row(id).getState()).isEqualTo("processing");
        assertThat(row(id).getAttempts()).isZero();
    }
}
