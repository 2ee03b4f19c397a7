package app.meetingbridge.meetings.provider;

import app.meetingbridge.events.meeting.Platform;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Times and counts every call to a provider, tagged by platform, operation and outcome. */
final class MeteredVideoProvider implements VideoProvider {

    private final VideoProvider delegate;
    private final MeterRegistry registry;

    MeteredVideoProvider(VideoProvider delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public Platform platform() {
        return delegate.platform();
    }

    @Override
    public String recordingsBucket() {
        return delegate.recordingsBucket();
    }

    @Override
    public ProviderRoom createRoom(NewProviderRoom request) {
        return timed("create_room", () -> delegate.createRoom(request));
    }

    @Override
    public void deleteRoom(String providerMeetingId, String providerRoomName) {
        timed("delete_room", () -> {
            delegate.deleteRoom(providerMeetingId, providerRoomName);
            return null;
        });
    }

    @Override
    public Optional<Presence> presence(String providerRoomName) {
        return timed("presence", () -> delegate.presence(providerRoomName));
    }

    @Override
    public List<ProviderSession> sessions(String providerRoomName) {
        return timed("sessions", () -> delegate.sessions(providerRoomName));
    }

    @Override
    public Optional<String> joinToken(JoinToken request) {
        return timed("join_token", () -> delegate.joinToken(request));
    }

    @Override
    public Optional<RecordingStart> startRecording(String providerRoomName, RecordingStart.Kind kind, String instanceId) {
        return timed("start_recording", () -> delegate.startRecording(providerRoomName, kind, instanceId));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder("provider.requests")
                    .description("Calls to video providers")
                    .tag("platform", delegate.platform().wireName())
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
