package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import java.util.List;
import java.util.Optional;

/**
 * A video provider: rooms made and deleted, presence, join tokens, recording starts. Every operation on an
 * existing meeting goes to the provider of the meeting's own stored platform.
 */
public interface VideoProvider {

    Platform platform();

    /** The bucket this provider writes our recordings into. */
    String recordingsBucket();

    /** Creates the provider's room (Daily) or meeting (Whereby) for one meeting of ours. */
    ProviderRoom createRoom(NewProviderRoom request);

    /** Deletes the provider room (Daily deletes by name, Whereby by meeting id); one already gone is success. */
    void deleteRoom(String providerMeetingId, String providerRoomName);

    /**
     * Who is in the room right now, as the provider counts (absolute, not up/down counting); empty where the
     * provider has no presence API and counts come from its webhooks (Whereby).
     */
    Optional<Presence> presence(String providerRoomName);

    /** Participant sessions the provider knows of for the room, newest first. */
    List<ProviderSession> sessions(String providerRoomName);

    /** A token that lets a signed-in user join, where the provider uses them (Daily); empty otherwise. */
    Optional<String> joinToken(JoinToken request);

    /**
     * Starts recording the room's current session under our instance id; already recording is success. Empty
     * where recordings cannot be started through the API (Whereby starts them by the room's trigger).
     */
    Optional<RecordingStart> startRecording(String providerRoomName, RecordingStart.Kind kind, String instanceId);
}
