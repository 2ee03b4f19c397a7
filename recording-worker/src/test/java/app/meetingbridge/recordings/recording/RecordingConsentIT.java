package app.meetingbridge.recordings.recording;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.TranscriptRecord;
import app.meetingbridge.events.recording.RecordingReady;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A refused consent with {@code CONSENT_DELETE_PROVIDER_OBJECTS=false} and no transcription backend: our audio goes
 * (the mp3, its waveform, our copies), the provider's objects stay; a refusal that comes after the audio was ready
 * is applied when its {@code consent.refused} arrives, and one withdrawn before that deletes nothing.
 */
class RecordingConsentIT extends RecordingTestSupport {

    @DynamicPropertySource
    static void keepProviderObjects(DynamicPropertyRegistry registry) {
        registry.add("app.consent.delete-provider-objects", () -> "false");
    }

    @Test
    void deletesOurAudioAndKeepsTheProvidersObjectsWhenTheSettingSaysSo() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        consent(meeting, false);
        String key = "acme/room/" + id;
        byte[] original = tone(520, 1);
        put(key, original);

        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));

        await(() -> transcriptOf(id) != null && Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        assertThat(keys(TRANSCRIPTS, transcriptOf(id).getId() + "/")).isEmpty();
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).isEmpty();
        assertThat(s3.getObjectAsBytes(request -> request.bucket(DAILY_BUCKET).key(key)).asByteArray())
                .isEqualTo(original);
    }

    @Test
    void aRefusalAfterTheAudioWasReadyDeletesOursAtOnce() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        String key = "acme/room/" + id;
        put(key, tone(530, 1));
        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        TranscriptRecord transcript = transcriptOf(id);
        assertThat(keys(TRANSCRIPTS, transcript.getId() + "/")).hasSize(2);

        refuseConsentNow(meeting);

        await(() -> keys(TRANSCRIPTS, transcript.getId() + "/").isEmpty());
        await(() -> Boolean.TRUE.equals(transcriptOf(id).getAudioDeleted()));
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).isEmpty();
        assertThat(keys(DAILY_BUCKET, key)).containsExactly(key);
        assertThat(transcriptOf(id).getStatus()).isEqualTo("uploaded");
    }

    @Test
    void aRefusalWithdrawnBeforeItsMessageArrivedDeletesNothing() throws Exception {
        String id = "rec-" + UUID.randomUUID();
        String meeting = aMeeting();
        String key = "acme/room/" + id;
        put(key, tone(540, 1));
        announce(id, meeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of(key));
        await(() -> transcriptOf(id) != null && "uploaded".equals(transcriptOf(id).getStatus()));
        consent(meeting, true); // the meeting holds no refusal (a signed-in participant changed theirs back)

        consentRefused(meeting);
        // the queue has one consumer taking it in order: once a later refusal is applied, the first was dealt with
        String sentinel = "rec-" + UUID.randomUUID();
        String sentinelMeeting = aMeeting();
        put("acme/room/" + sentinel, tone(550, 1));
        announce(sentinel, sentinelMeeting, RecordingReady.Kind.CLOUD, DAILY_BUCKET, List.of("acme/room/" + sentinel));
        await(() -> transcriptOf(sentinel) != null && "uploaded".equals(transcriptOf(sentinel).getStatus()));
        refuseConsentNow(sentinelMeeting);
        await(() -> Boolean.TRUE.equals(transcriptOf(sentinel).getAudioDeleted()));

        assertThat(transcriptOf(id).getAudioDeleted()).isFalse();
        assertThat(keys(TRANSCRIPTS, transcriptOf(id).getId() + "/")).hasSize(2);
        assertThat(keys(TRANSCRIPTS, "recordings/" + row(id).getId() + "/")).hasSize(1);
    }
}
