package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.provider.JoinToken;
import app.meetingbridge.meetings.provider.ListedRecording;
import app.meetingbridge.meetings.provider.NewProviderRoom;
import app.meetingbridge.meetings.provider.Presence;
import app.meetingbridge.meetings.provider.ProviderCalls;
import app.meetingbridge.meetings.provider.ProviderHttp;
import app.meetingbridge.meetings.provider.ProviderHttpException;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderRoom;
import app.meetingbridge.meetings.provider.ProviderSession;
import app.meetingbridge.meetings.provider.RecordingCatalogue;
import app.meetingbridge.meetings.provider.RecordingStart;
import app.meetingbridge.meetings.provider.VideoProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Daily.co: one Daily room per meeting of ours, made, recorded and listed the way Reflector uses Daily's API.
 * Enabled when {@code DAILY_API_KEY} is set.
 */
@Component
@ConditionalOnExpression("'${app.providers.daily.api-key:}' != ''")
public class DailyVideoProvider implements VideoProvider, RecordingCatalogue {

    private static final String STANDARD = "standard";
    private static final String LIST_OR_DELETE = "list";
    private static final String RECORDING = "recording";
    private static final int RECORDINGS_PAGE = 100;

    private final DailyApi api;
    private final DailyProperties properties;
    private final ProviderCalls calls;
    private final DailyWebhooks webhooks;

    DailyVideoProvider(DailyProperties properties, MeterRegistry meters) {
        properties.requireComplete();
        this.properties = properties;
        this.api = ProviderHttp.client(DailyApi.class, "daily", properties.apiUrl(), properties.apiKey(),
                properties.resilience().timeout());
        this.calls = new ProviderCalls("daily", properties.resilience(), meters);
        this.webhooks = new DailyWebhooks(api, calls, properties.webhookSecret());
    }

    @Override
    public Platform platform() {
        return Platform.DAILY;
    }

    @Override
    public String recordingsBucket() {
        return properties.recordingsBucket();
    }

    /**
     * Creates the room. A retry after a timeout or 5xx first looks the room up by its (unique) name, so a create
     * the provider did carry out is found rather than made twice.
     */
    @Override
    public ProviderRoom createRoom(NewProviderRoom request) {
        DailyApi.CreateRoom body = createRoomBody(request);
        AtomicInteger attempt = new AtomicInteger();
        DailyApi.Room room = calls.call(STANDARD, "create room", () -> {
            if (attempt.getAndIncrement() > 0) {
                Optional<DailyApi.Room> existing = findRoom(request.roomName());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            return api.createRoom(body);
        });
        return new ProviderRoom(room.id(), room.name(), room.url(), room.url());
    }

    DailyApi.CreateRoom createRoomBody(NewProviderRoom request) {
        var settings = request.settings();
        boolean cloud = "cloud".equals(settings.recordingType());
        // Cloud recording is started through the REST API as two recordings (composed and raw tracks), which
        // Daily allows only while the room's enable_recording is unset (Daily's behaviour as of January 2026).
        String enableRecording = "local".equals(settings.recordingType()) ? "local" : null;
        DailyApi.RecordingsBucket bucket = cloud ? new DailyApi.RecordingsBucket(properties.recordingsBucket(),
                properties.recordingsBucketRegion(), properties.recordingsRoleArn(), true) : null;
        int maxParticipants = "group".equals(settings.roomMode()) ? 200 : 4;
        return new DailyApi.CreateRoom(request.roomName(), settings.isLocked() ? "private" : "public",
                new DailyApi.RoomProperties(request.endDate().getEpochSecond(), settings.isLocked(), enableRecording,
                        bucket, maxParticipants, true, true, false));
    }

    private Optional<DailyApi.Room> findRoom(String name) {
        try {
            return Optional.of(api.getRoom(name));
        } catch (ProviderHttpException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void deleteRoom(String providerMeetingId, String providerRoomName) {
        calls.call(LIST_OR_DELETE, "delete room", () -> {
            try {
                return api.deleteRoom(providerRoomName);
            } catch (ProviderHttpException e) {
                if (e.status() == 404) {
                    return new DailyApi.Deleted(true, providerRoomName);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<Presence> presence(String providerRoomName) {
        DailyApi.PresenceList presence = calls.call(STANDARD, "presence", () -> api.presence(providerRoomName));
        return Optional.of(new Presence(presence.data() == null ? List.of() : presence.data().stream()
                .map(entry -> new Presence.Participant(entry.id(), entry.userId(), entry.userName()))
                .toList()));
    }

    /** Daily keeps no session history we use; sessions come from our participant records. */
    @Override
    public List<ProviderSession> sessions(String providerRoomName) {
        return List.of();
    }

    @Override
    public Optional<String> joinToken(JoinToken request) {
        DailyApi.Token token = calls.call(STANDARD, "create meeting token", () -> api.createToken(
                new DailyApi.TokenRequest(new DailyApi.TokenProperties(request.providerRoomName(), request.userId(),
                        request.owner(), request.recordingUi(), request.expiresAt().getEpochSecond(), false))));
        return Optional.of(token.token());
    }

    /** Starts a cloud or raw-tracks recording; Daily's "has an active stream" means it already runs. */
    @Override
    public Optional<RecordingStart> startRecording(String providerRoomName, RecordingStart.Kind kind,
                                                   String instanceId) {
        String type = kind == RecordingStart.Kind.CLOUD ? "cloud" : "raw-tracks";
        try {
            calls.call(RECORDING, "start recording",
                    () -> api.startRecording(providerRoomName, new DailyApi.StartRecording(type, instanceId)));
            return Optional.of(new RecordingStart(RecordingStart.Status.STARTED, instanceId));
        } catch (ProviderRejectedException e) {
            if (e.getCause() instanceof ProviderHttpException http && http.body().contains("has an active stream")) {
                return Optional.of(new RecordingStart(RecordingStart.Status.ALREADY_ACTIVE, instanceId));
            }
            throw e;
        }
    }

    /** One page (newest first, at most 100) of the domain's recordings after the cursor (a recording id). */
    public List<DailyRecording> recordings(@Nullable String startingAfter, @Nullable String roomName) {
        DailyApi.RecordingList page = calls.call(LIST_OR_DELETE, "list recordings",
                () -> api.listRecordings(RECORDINGS_PAGE, startingAfter, roomName));
        return page.data().stream().map(DailyVideoProvider::toRecording).toList();
    }

    @Override
    public int pageSize() {
        return RECORDINGS_PAGE;
    }

    /**
     * One page of the domain's recordings, as the recordings poll reads them: a recording finished without its
     * duration is still being written, and a canceled one has nothing to fetch.
     */
    @Override
    public List<ListedRecording> recordings(@Nullable String startingAfter) {
        return recordings(startingAfter, null).stream().map(DailyVideoProvider::listed).toList();
    }

    private static ListedRecording listed(DailyRecording recording) {
        ListedRecording.State state = recording.inProgress()
                || recording.finished() && recording.durationSeconds() == null ? ListedRecording.State.UNFINISHED
                : recording.finished() ? ListedRecording.State.FINISHED : ListedRecording.State.CANCELED;
        List<String> audio = recording.tracks().stream().filter(track -> "audio".equals(track.type()))
                .map(DailyRecording.Track::s3Key).toList();
        boolean rawTracks = recording.kind() == DailyRecording.Kind.RAW_TRACKS;
        return new ListedRecording(recording.id(), recording.roomName(), recording.startedAt(), state,
                recording.durationSeconds(), rawTracks ? RecordingReady.Kind.RAW_TRACKS : RecordingReady.Kind.CLOUD,
                recording.s3Key(), rawTracks ? audio : List.of());
    }

    /** A fresh download link for a recording (never stored: it expires). */
    public DailyRecording.Link recordingLink(String recordingId) {
        DailyApi.AccessLink link = calls.call(STANDARD, "recording access link", () -> api.accessLink(recordingId));
        return new DailyRecording.Link(link.downloadLink(), Instant.ofEpochSecond(link.expires()));
    }

    /** Makes sure an ACTIVE webhook points at {@code url} with our secret; returns what it found and did. */
    public DailyWebhookState registerWebhook(String url) {
        return webhooks.register(url);
    }

    /** The webhooks Daily has for this domain. */
    public List<DailyWebhookState> webhooks() {
        return webhooks.states();
    }

    public void deleteWebhook(String uuid) {
        webhooks.delete(uuid);
    }

    /** The state of this provider's circuit breaker, for health and tests. */
    public io.github.resilience4j.circuitbreaker.CircuitBreaker.State breakerState() {
        return calls.breakerState();
    }

    private static DailyRecording toRecording(DailyApi.Recording recording) {
        List<DailyRecording.Track> tracks = recording.tracks() == null ? List.of() : recording.tracks().stream()
                .map(track -> new DailyRecording.Track(track.type(), track.s3Key(), track.size())).toList();
        // Daily's list never says the type: a track list means raw-tracks, a lone s3key means cloud.
        DailyRecording.Kind kind = recording.tracks() != null ? DailyRecording.Kind.RAW_TRACKS : DailyRecording.Kind.CLOUD;
        return new DailyRecording(recording.id(), recording.roomName(), Instant.ofEpochSecond(recording.startTs()),
                recording.status(), recording.duration(), kind, recording.s3Key(), recording.mtgSessionId(), tracks);
    }
}
