package app.meetingbridge.rooms;

import static app.meetingbridge.db.Tables.MEETING;
import static app.meetingbridge.db.Tables.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.db.tables.records.MeetingRecord;
import app.meetingbridge.events.meeting.MeetingSettings;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.testsupport.TestServices;
import app.meetingbridge.testsupport.TestServices.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reuse rule on the real schema: only an active, unexpired meeting made with the same settings is reused. */
class ReusableMeetingIT {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static final MeetingSettings WANTED = new MeetingSettings(false, "normal", "cloud", "automatic-2nd-participant",
            Platform.MOCK);

    static Connection connection;
    static DSLContext db;
    String roomId;

    @BeforeAll
    static void connect() throws SQLException {
        TestDatabase database = TestServices.database();
        connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @BeforeEach
    void aRoom() {
        roomId = UUID.randomUUID().toString();
        db.insertInto(ROOM).set(ROOM.ID, roomId).set(ROOM.NAME, "room-" + roomId.substring(0, 8))
                .set(ROOM.USER_ID, "owner-1").set(ROOM.PLATFORM, "mock").execute();
    }

    @Test
    void reusesTheActiveMeetingWithTheSameSettingsThatEndsLast() {
        aMeeting(WANTED, Duration.ofHours(1), true);
        String later = aMeeting(WANTED, Duration.ofHours(3), true);
        aMeeting(WANTED, Duration.ofHours(2), true);

        assertThat(ReusableMeeting.find(db, roomId, WANTED, NOW)).map(MeetingRecord::getId).contains(later);
    }

    @Test
    void doesNotReuseAMeetingMadeWithOtherSettings() {
        aMeeting(new MeetingSettings(true, "normal", "cloud", "automatic-2nd-participant", Platform.MOCK),
                Duration.ofHours(1), true);
        aMeeting(new MeetingSettings(false, "group", "cloud", "automatic-2nd-participant", Platform.MOCK),
                Duration.ofHours(1), true);
        aMeeting(new MeetingSettings(false, "normal", "none", "automatic-2nd-participant", Platform.MOCK),
                Duration.ofHours(1), true);
        aMeeting(new MeetingSettings(false, "normal", "cloud", "prompt", Platform.MOCK), Duration.ofHours(1), true);
        aMeeting(new MeetingSettings(false, "normal", "cloud", "automatic-2nd-participant", Platform.DAILY),
                Duration.ofHours(1), true);

        assertThat(ReusableMeeting.find(db, roomId, WANTED, NOW)).isEmpty();
    }

    @Test
    void doesNotReuseAnInactiveOrEndedMeeting() {
        aMeeting(WANTED, Duration.ofHours(1), false);
        aMeeting(WANTED, Duration.ZERO, true);

        assertThat(ReusableMeeting.find(db, roomId, WANTED, NOW)).isEmpty();
    }

    @Test
    void doesNotReuseAnotherRoomsMeeting() {
        aMeeting(WANTED, Duration.ofHours(1), true);

        assertThat(ReusableMeeting.find(db, UUID.randomUUID().toString(), WANTED, NOW)).isEmpty();
    }

    /** A meeting of the room made with {@code settings}, ending {@code endsIn} from now. */
    String aMeeting(MeetingSettings settings, Duration endsIn, boolean active) {
        String id = UUID.randomUUID().toString();
        db.insertInto(MEETING).set(MEETING.ID, id).set(MEETING.ROOM_ID, roomId)
                .set(MEETING.PLATFORM, settings.platform().wireName())
                .set(MEETING.PROVIDER_MEETING_ID, "p-" + id).set(MEETING.PROVIDER_ROOM_NAME, "/r-" + id)
                .set(MEETING.ROOM_URL, "https://video.example/r-" + id)
                .set(MEETING.HOST_ROOM_URL, "https://video.example/r-" + id + "?host")
                .set(MEETING.START_DATE, NOW.minus(Duration.ofHours(1))).set(MEETING.END_DATE, NOW.plus(endsIn))
                .set(MEETING.IS_LOCKED, settings.isLocked()).set(MEETING.ROOM_MODE, settings.roomMode())
                .set(MEETING.RECORDING_TYPE, settings.recordingType())
                .set(MEETING.RECORDING_TRIGGER, settings.recordingTrigger())
                .set(MEETING.IS_ACTIVE, active).execute();
        return id;
    }
}
