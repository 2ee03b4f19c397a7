package app.meetingbridge.meetings.provider.whereby;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.JoinToken;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.Presence;
import app.meetingbridge.meetings.provider.ProviderCalls;
import app.meetingbridge.meetings.provider.ProviderHttp;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderSession;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.VideoProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.ConnectException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

/**
 * Whereby: one transient Whereby meeting per meeting of ours, made with the room's lock, mode and recording and ending
 * when ours does, as Reflector makes it. Enabled when {@code WHEREBY_API_KEY} is set. Whereby has no presence API
 * (counts come from its webhooks), no join tokens, and starts recordings itself by the room's trigger.
 */
@Component
@ConditionalOnExpression("'${app.providers.whereby.api-key:}' != ''")
public class WherebyVideoProvider implements VideoProvider {

    private static final Logger log = LoggerFactory.getLogger(WherebyVideoProvider.class);
    private static final int MAX_PREFIX = 39;
    private static final String READ = "read";
    private static final String WRITE = "write";
    private static final String DELETE = "delete";

    private final WherebyApi api;
    private final WherebyProperties properties;
    private final ProviderCalls calls;
    private final @Nullable WherebyLogo logo;

    WherebyVideoProvider(WherebyProperties properties, MeterRegistry meters) {
        properties.requireComplete();
        this.logo = WherebyLogo.read(properties.logoPath());
        this.properties = properties;
        this.api = ProviderHttp.client(WherebyApi.class, "whereby", properties.apiUrl(), properties.apiKey(),
                properties.resilience().timeout());
        this.calls = new ProviderCalls("whereby", properties.resilience(), meters);
    }

    @Override
    public Platform platform() {
        return Platform.WHEREBY;
    }

    @Override
    public String recordingsBucket() {
        return properties.storageBucket();
    }

    /**
     * Creates the Whereby meeting. Whereby cannot look a meeting up by name, so only a failure that proves
     * nothing was created (refused connection, or an error status) is retried; a timeout after the request
     * went out fails at once rather than risk a second meeting (an orphan expires an hour after its end).
     */
    @Override
    public ProviderRoom createRoom(NewProviderRoom request) {
        WherebyApi.CreateMeeting body = createMeetingBody(request);
        WherebyApi.Meeting meeting = calls.call(WRITE, "create meeting", () -> {
            try {
                return api.createMeeting(body);
            } catch (ResourceAccessException e) {
                if (e.getCause() instanceof ConnectException) {
                    throw e;
                }
                throw new ProviderUnavailableException("whereby create meeting: no answer in time; not retried, "
                        + "since Whereby may have created it", e);
            }
        });
        String roomName = meeting.roomName() == null ? meeting.roomUrl() : meeting.roomName();
        uploadLogo(roomName);
        return new ProviderRoom(meeting.meetingId(), roomName, meeting.roomUrl(),
                meeting.hostRoomUrl() == null ? meeting.roomUrl() : meeting.hostRoomUrl());
    }

    /**
     * Puts the configured logo on the new room. Unlike Reflector, a failure here does not fail the meeting
     * (which would leak the Whereby meeting just made): the room just shows Whereby's default. The image was read
     * and checked at start-up, so only Whereby's answer can fail the call.
     */
    private void uploadLogo(String roomName) {
        if (logo == null) {
            return;
        }
        String name = roomName.startsWith("/") ? roomName.substring(1) : roomName;
        Resource image = logo.asResource();
        try {
            calls.call(WRITE, "upload logo", () -> {
                api.uploadLogo(name, image);
                return name;
            });
        } catch (ProviderUnavailableException | ProviderRejectedException e) {
            log.warn("whereby room {} keeps the default logo: {}", name, e.getMessage());
        }
    }

    WherebyApi.CreateMeeting createMeetingBody(NewProviderRoom request) {
        var settings = request.settings();
        WherebyApi.Recording recording = "cloud".equals(settings.recordingType())
                ? new WherebyApi.Recording("cloud", new WherebyApi.Destination("s3", properties.storageBucket(),
                        properties.storageAccessKeyId(), properties.storageSecretAccessKey(), "mp4"),
                        settings.recordingTrigger())
                : null;
        return new WherebyApi.CreateMeeting(DateTimeFormatter.ISO_INSTANT.format(request.endDate()),
                settings.isLocked(), settings.roomMode(), roomNamePrefix(request.namePrefix()), "uuid",
                List.of("hostRoomUrl"), recording);
    }

    /** Whereby's prefix pattern is {@code [a-z0-9]{0,39}}: lower-cased, other characters dropped, cut to 39. */
    static String roomNamePrefix(String roomName) {
        String prefix = roomName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return prefix.length() <= MAX_PREFIX ? prefix : prefix.substring(0, MAX_PREFIX);
    }

    @Override
    public void deleteRoom(String providerMeetingId, String providerRoomName) {
        calls.call(DELETE, "delete meeting", () -> {
            api.deleteMeeting(providerMeetingId);
            return providerMeetingId;
        });
    }

    @Override
    public Optional<Presence> presence(String providerRoomName) {
        return Optional.empty();
    }

    @Override
    public List<ProviderSession> sessions(String providerRoomName) {
        return calls.call(READ, "room sessions", () -> api.roomSessions(providerRoomName)).results().stream()
                .map(session -> new ProviderSession(session.roomSessionId(), Instant.parse(session.startedAt()),
                        session.endedAt() == null ? null : Instant.parse(session.endedAt())))
                .toList();
    }

    @Override
    public Optional<String> joinToken(JoinToken request) {
        return Optional.empty();
    }

    @Override
    public Optional<RecordingStart> startRecording(String providerRoomName, RecordingStart.Kind kind, String instanceId) {
        return Optional.empty();
    }
}
