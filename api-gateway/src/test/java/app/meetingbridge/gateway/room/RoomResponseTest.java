package app.meetingbridge.gateway.room;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.gateway.auth.Caller;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoomResponseTest {

    static Room aSharedRoomWithWebhook() {
        RoomSettings settings = new RoomSettings("team", false, "", "", false, "normal", "cloud",
                "automatic-2nd-participant", true, "https://hooks.test/x", "s3cret", "https://cal.test/alice.ics?token=t0k", 300, true,
                Platform.DAILY, false);
        return new Room("r1", "alice", Instant.parse("2026-11-26T10:00:00Z"), settings, null, null);
    }

    @Test
    void showsWebhookSettingsToTheOwnerOnly() {
        Room room = aSharedRoomWithWebhook();

        assertThat(RoomResponse.of(room, room.ownedBy(Caller.user("alice"))).webhookSecret()).isEqualTo("s3cret");
        assertThat(RoomResponse.of(room, room.ownedBy(Caller.user("bob"))).webhookSecret()).isNull();
        assertThat(RoomResponse.of(room, room.ownedBy(Caller.user("bob"))).webhookUrl()).isNull();
        assertThat(RoomResponse.of(room, room.ownedBy(Caller.anonymous())).webhookSecret()).isNull();
    }

    @Test
    void showsTheCalendarFeedAndWhoOwnsTheRoomToTheOwnerOnly() {
        Room room = aSharedRoomWithWebhook();

        RoomResponse owners = RoomResponse.of(room, room.ownedBy(Caller.user("alice")));
        assertThat(owners.userId()).isEqualTo("alice");
        assertThat(owners.icsUrl()).isEqualTo("https://cal.test/alice.ics?token=t0k");
        for (Caller other : java.util.List.of(Caller.user("bob"), Caller.anonymous())) {
            RoomResponse seen = RoomResponse.of(room, room.ownedBy(other));
            assertThat(seen.userId()).isEmpty();
            assertThat(seen.icsUrl()).isNull();
            assertThat(seen.icsEnabled()).isTrue();
            assertThat(seen.name()).isEqualTo("team");
        }
        assertThat(RoomResponse.of(room, room.ownedBy(Caller.localOwner())).userId()).isEqualTo("alice");
    }

    @Test
    void letsEveryoneSeeSharedRoomsButOnlyTheOwnerSeePrivateOnes() {
        Room shared = aSharedRoomWithWebhook();
        Room owned = new Room("r2", "alice", shared.createdAt(),
                new RoomSettings("solo", false, "", "", false, "normal", "cloud", "none", false, null, null, null,
                        300, false, Platform.MOCK, false), null, null);

        assertThat(shared.visibleTo(Caller.anonymous())).isTrue();
        assertThat(owned.visibleTo(Caller.user("bob"))).isFalse();
        assertThat(owned.visibleTo(Caller.user("alice"))).isTrue();
        assertThat(owned.visibleTo(Caller.localOwner())).isTrue();
    }
}
