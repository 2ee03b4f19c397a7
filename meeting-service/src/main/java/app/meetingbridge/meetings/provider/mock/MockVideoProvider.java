package app.meetingbridge.meetings.provider.mock;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.JoinToken;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.Presence;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderSession;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.VideoProvider;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The {@code mock} platform: makes rooms without calling anything outside. A room's URL is a plain page the
 * gateway serves, so a local run can be clicked through end to end. Nobody is ever present and nothing records.
 */
@Component
public class MockVideoProvider implements VideoProvider {

    private final MockProperties properties;

    public MockVideoProvider(MockProperties properties) {
        this.properties = properties;
    }

    @Override
    public Platform platform() {
        return Platform.MOCK;
    }

    @Override
    public String recordingsBucket() {
        return "mock-recordings";
    }

    @Override
    public ProviderRoom createRoom(NewProviderRoom request) {
        String url = properties.roomBaseUrl().resolve(request.roomName()).toString();
        return new ProviderRoom(UUID.nameUUIDFromBytes(request.roomName().getBytes()).toString(),
                request.roomName(), url, url + "?host=1");
    }

    @Override
    public void deleteRoom(String providerMeetingId, String providerRoomName) {
        // nothing exists outside
    }

    @Override
    public Optional<Presence> presence(String providerRoomName) {
        return Optional.of(new Presence(List.of()));
    }

    @Override
    public List<ProviderSession> sessions(String providerRoomName) {
        return List.of();
    }

    @Override
    public Optional<String> joinToken(JoinToken request) {
        return Optional.empty();
    }

    @Override
    public Optional<RecordingStart> startRecording(String providerRoomName, RecordingStart.Kind kind,
                                                   String instanceId) {
        return Optional.of(new RecordingStart(RecordingStart.Status.STARTED, instanceId));
    }
}
