package app.meetingbridge.testsupport;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.RECORDING;
import static app.meetingbridge.db.Tables.ROOM;
import static app.meetingbridge.db.Tables.TRANSCRIPT;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.db.tables.records.RecordingRecord;
import app.meetingbridge.db.tables.records.RoomRecord;
import app.meetingbridge.db.tables.records.TranscriptRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * Rows the tests start from, said by intention: {@code aRoom().ownedBy("alice").withWebhook(url, secret).insert(db)}.
 * Each builder fills what the schema requires with plain values (a mock room, an active meeting that ends in an hour,
 * a finished raw-tracks recording, an ended private transcript) and leaves every other column to its default;
 * {@code with(field, value)} sets anything it has no word for. {@code insert} returns the new row's id.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static RoomFixture aRoom() {
        return new RoomFixture();
    }

    public static MeetingFixture aMeeting() {
        return new MeetingFixture();
    }

    public static RecordingFixture aRecording() {
        return new RecordingFixture();
    }

    public static TranscriptFixture aTranscript() {
        return new TranscriptFixture();
    }

    /** Now, at the database's precision, so that a value read back equals the one written. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The fields a builder sets, inserted as one row; the columns it never set keep their defaults. */
    public abstract static class RowFixture<R extends TableRecord<R>, F extends RowFixture<R, F>> {

        final R row;

        RowFixture(R row, Field<String> id) {
            this.row = row;
            row.set(id, UUID.randomUUID().toString());
        }

        /** Sets a column this builder has no word for. */
        public <T> F with(Field<T> field, @Nullable T value) {
            row.set(field, value);
            return self();
        }

        @SuppressWarnings("unchecked")
        F self() {
            return (F) this;
        }

        abstract Field<String> idField();

        void beforeInsert() {
        }

        public String id() {
            return row.get(idField());
        }

        /** Inserts the row and returns its id. */
        public String insert(DSLContext db) {
            beforeInsert();
            db.insertInto(row.getTable()).set(row).execute();
            return id();
        }
    }

    public static final class RoomFixture extends RowFixture<RoomRecord, RoomFixture> {

        private boolean named;

        RoomFixture() {
            super(new RoomRecord(), ROOM.ID);
            row.setUserId("owner-1");
            row.setPlatform("mock");
        }

        @Override
        Field<String> idField() {
            return ROOM.ID;
        }

        public RoomFixture withId(String id) {
            row.setId(id);
            return this;
        }

        public RoomFixture named(String name) {
            row.setName(name);
            named = true;
            return this;
        }

        /** A name of this prefix that no other room of the run has. */
        public RoomFixture namedLike(String prefix) {
            return named(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        }

        public RoomFixture ownedBy(String userId) {
            row.setUserId(userId);
            return this;
        }

        public RoomFixture onPlatform(String platform) {
            row.setPlatform(platform);
            return this;
        }

        public RoomFixture withWebhook(String url, @Nullable String secret) {
            row.setWebhookUrl(url);
            row.setWebhookSecret(secret);
            return this;
        }

        public RoomFixture postingToZulip(String stream, String topic) {
            return withZulip(true, stream, topic);
        }

        /** The Zulip stream and topic its transcripts go to, and whether they are posted by themselves. */
        public RoomFixture withZulip(boolean autoPost, String stream, String topic) {
            row.setZulipAutoPost(autoPost);
            row.setZulipStream(stream);
            row.setZulipTopic(topic);
            return this;
        }

        @Override
        void beforeInsert() {
            if (!named) {
                namedLike("room");
            }
        }
    }

    public static final class MeetingFixture extends RowFixture<MeetingRecord, MeetingFixture> {

        MeetingFixture() {
            super(new MeetingRecord(), MEETING.ID);
            row.setPlatform("mock");
            row.setIsLocked(false);
            row.setRoomMode("normal");
            row.setRecordingType("cloud");
            row.setRecordingTrigger("automatic-2nd-participant");
            row.setIsActive(true);
            endingAt(now().plus(Duration.ofHours(1)));
        }

        @Override
        Field<String> idField() {
            return MEETING.ID;
        }

        public MeetingFixture inRoom(String roomId) {
            row.setRoomId(roomId);
            return this;
        }

        public MeetingFixture onPlatform(String platform) {
            row.setPlatform(platform);
            return this;
        }

        /** Ends at this time, having started four hours before it. */
        public MeetingFixture endingAt(Instant end) {
            row.setEndDate(end);
            row.setStartDate(end.minus(Duration.ofHours(4)));
            return this;
        }

        public MeetingFixture startedAt(Instant start) {
            row.setStartDate(start);
            return this;
        }

        public MeetingFixture inactive() {
            return active(false);
        }

        public MeetingFixture active(boolean active) {
            row.setIsActive(active);
            return this;
        }

        public MeetingFixture lastActiveAt(@Nullable Instant at) {
            row.setLastActivityAt(at);
            return this;
        }

        public MeetingFixture providerRoomDeletedAt(@Nullable Instant at) {
            row.setProviderRoomDeletedAt(at);
            return this;
        }

        public MeetingFixture providerRoomNamed(String name) {
            row.setProviderRoomName(name);
            return this;
        }

        @Override
        void beforeInsert() {
            if (row.getRoomId() == null) {
                throw new IllegalStateException("a meeting needs its room: aMeeting().inRoom(roomId)");
            }
            String id = id();
            if (row.getProviderMeetingId() == null) {
                row.setProviderMeetingId("p-" + id);
            }
            if (row.getProviderRoomName() == null) {
                row.setProviderRoomName("room-" + id);
            }
            if (row.getRoomUrl() == null) {
                row.setRoomUrl("http://localhost/mock/rooms/" + id);
            }
            if (row.getHostRoomUrl() == null) {
                row.setHostRoomUrl("http://localhost/mock/rooms/" + id + "?host=1");
            }
        }
    }

    public static final class RecordingFixture extends RowFixture<RecordingRecord, RecordingFixture> {

        RecordingFixture() {
            super(new RecordingRecord(), RECORDING.ID);
            row.setPlatform("daily");
            row.setProviderRecordingId(id());
            row.setRecordingType("raw-tracks");
            row.setBucketName("b");
            row.setObjectKey("k");
            row.setRecordedAt(now());
            row.setState("done");
        }

        @Override
        Field<String> idField() {
            return RECORDING.ID;
        }

        public RecordingFixture ofMeeting(String meetingId) {
            row.setMeetingId(meetingId);
            return this;
        }

        public RecordingFixture inState(String state) {
            row.setState(state);
            return this;
        }

        public RecordingFixture at(String bucket, String objectKey) {
            row.setBucketName(bucket);
            row.setObjectKey(objectKey);
            return this;
        }
    }

    public static final class TranscriptFixture extends RowFixture<TranscriptRecord, TranscriptFixture> {

        TranscriptFixture() {
            super(new TranscriptRecord(), TRANSCRIPT.ID);
            row.setUserId("owner-1");
            row.setStatus("ended");
            row.setShareMode("private");
            row.setTopics(JSONB.valueOf("[]"));
            row.setParticipants(JSONB.valueOf("[]"));
            row.setCreatedAt(now());
        }

        @Override
        Field<String> idField() {
            return TRANSCRIPT.ID;
        }

        public TranscriptFixture ownedBy(@Nullable String userId) {
            row.setUserId(userId);
            return this;
        }

        public TranscriptFixture inRoom(@Nullable String roomId) {
            row.setRoomId(roomId);
            return this;
        }

        public TranscriptFixture ofMeeting(@Nullable String meetingId) {
            row.setMeetingId(meetingId);
            return this;
        }

        public TranscriptFixture ofRecording(@Nullable String recordingId) {
            row.setRecordingId(recordingId);
            return this;
        }

        /** Made from a recording of its own (a finished raw-tracks one), inserted with it. */
        public TranscriptFixture fromARecording() {
            pendingRecording = aRecording();
            row.setRecordingId(pendingRecording.id());
            return this;
        }

        private @Nullable RecordingFixture pendingRecording;

        public TranscriptFixture inStatus(String status) {
            row.setStatus(status);
            return this;
        }

        public TranscriptFixture shared(String shareMode) {
            row.setShareMode(shareMode);
            return this;
        }

        public TranscriptFixture titled(String title) {
            row.setTitle(title);
            return this;
        }

        public TranscriptFixture summarised(String longSummary) {
            row.setLongSummary(longSummary);
            return this;
        }

        public TranscriptFixture lasting(long durationMs) {
            row.setDurationMs(durationMs);
            return this;
        }

        public TranscriptFixture withTopics(String topicsJson) {
            row.setTopics(JSONB.valueOf(topicsJson));
            return this;
        }

        public TranscriptFixture withParticipants(String participantsJson) {
            row.setParticipants(JSONB.valueOf(participantsJson));
            return this;
        }

        public TranscriptFixture createdAt(Instant at) {
            row.setCreatedAt(at);
            return this;
        }

        @Override
        public String insert(DSLContext db) {
            if (pendingRecording != null) {
                pendingRecording.insert(db);
                pendingRecording = null;
            }
            return super.insert(db);
        }
    }
}
