package app.meetingbridge.meetings.provider.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.meetings.provider.whereby.S3EventNotification.CreatedObject;
import app.meetingbridge.meetings.provider.whereby.S3EventNotification.MalformedNotification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventNotificationTest {

    static String record(String eventName, String key) {
        return """
                {"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1","eventTime":"2026-11-26T10:05:00.123Z",
                 "eventName":"%s","s3":{"s3SchemaVersion":"1.0","bucket":{"name":"whereby-recordings","arn":"arn:aws:s3:::whereby-recordings"},
                 "object":{"key":"%s","size":2048,"eTag":"0123456789abcdef0123456789abcdef","sequencer":"0A1B2C3D4E5F678901"}}}
                """.formatted(eventName, key);
    }

    @Test
    void readsTheBucketTheDecodedKeyTheSizeAndTheTimeOfEachObjectCreated() {
        String body = "{\"Records\":[" + record("ObjectCreated:Put", "team-a-2026-11-26T10%3A00%3A00Z.mp4") + ","
                + record("ObjectCreated:CompleteMultipartUpload", "b.mp4") + "]}";

        assertThat(S3EventNotification.createdObjects(body)).containsExactly(
                new CreatedObject("whereby-recordings", "team-a-2026-11-26T10:00:00Z.mp4", 2048,
                        Instant.parse("2026-11-26T10:05:00.123Z")),
                new CreatedObject("whereby-recordings", "b.mp4", 2048, Instant.parse("2026-11-26T10:05:00.123Z")));
    }

    @Test
    void decodesKeysAsS3EncodesThemSpacesAsPlusesAndPlusesEscaped() {
        assertThat(S3EventNotification.decodeKey("red+flower%2Bpot.mp4")).isEqualTo("red flower+pot.mp4");
        assertThat(S3EventNotification.decodeKey("caf%C3%A9.mp4")).isEqualTo("café.mp4");
    }

    @Test
    void removalsAndOtherEventsCarryNoNewObject() {
        String body = "{\"Records\":[" + record("ObjectRemoved:Delete", "a.mp4") + ","
                + record("ObjectRestore:Completed", "b.mp4") + "]}";

        assertThat(S3EventNotification.createdObjects(body)).isEmpty();
    }

    @Test
    void s3sTestEventCarriesNoObject() {
        String body = "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-26T10:00:00.000Z\","
                + "\"Bucket\":\"whereby-recordings\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw\"}";

        assertThat(S3EventNotification.createdObjects(body)).isEmpty();
    }

    @Test
    void unwrapsANotificationThatCameThroughSns() {
        String inner = "{\"Records\":[" + record("ObjectCreated:Put", "a.mp4") + "]}";
        String body = "{\"Type\":\"Notification\",\"MessageId\":\"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\","
                + "\"Message\":\"" + inner.replace("\"", "\\\"").replace("\n", "\\n") + "\"}";

        assertThat(S3EventNotification.createdObjects(body)).extracting(CreatedObject::key).containsExactly("a.mp4");
    }

    @Test
    void refusesWhatIsNotAnS3EventNotificationSayingWhy() {
        assertThatThrownBy(() -> S3EventNotification.createdObjects("not json")).isInstanceOf(MalformedNotification.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> S3EventNotification.createdObjects("[1,2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> S3EventNotification.createdObjects("{\"Records\":{}}")).hasMessage("no Records array");
        assertThatThrownBy(() -> S3EventNotification.createdObjects("{\"Records\":[" + record("ObjectCreated:Put", "")
                + "]}")).hasMessageContaining("without s3.bucket.name or s3.object.key");
        assertThatThrownBy(() -> S3EventNotification.createdObjects("{\"Records\":["
                + record("ObjectCreated:Put", "a.mp4").replace("2026-11-26T10:05:00.123Z", "yesterday") + "]}"))
                .hasMessageContaining("eventTime 'yesterday'");
        assertThatThrownBy(() -> S3EventNotification.createdObjects("{\"Records\":[" + record("ObjectCreated:Put", "a%zz.mp4")
                + "]}")).hasMessageContaining("not URL-encoded");
    }
}
