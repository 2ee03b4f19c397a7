package app.meetingbridge.meetings.providerevents;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFailed;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RecordingStarted;
import app.meetingbridge.events.provider.RoomSessionChanged;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.meeting.Meeting;
import app.meetingbridge.meetings.meeting.MeetingRepository;
import app.meetingbridge.meetings.meeting.ParticipantSessionRepository;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what the providers' webhooks reported to our meetings. Every effect is idempotent and
 * order-tolerant (deliveries repeat and arrive out of order): sessions are upserts, counts are absolute and
 * dated, and {@code recording.ready} has a deterministic id in the outbox. Events about rooms we do not know
 * are acknowledged and dropped.
 */
@Service
public class ProviderEventHandler {

    private static final Logger log = LoggerFactory.getLogger(ProviderEventHandler.class);

    private final MeetingRepository meetings;
    private final ParticipantSessionRepository sessions;
    private final RecordingStartRepository recordingStarts;
    private final Providers providers;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TransactionTemplate alone;
    private final MeterRegistry meters;

    ProviderEventHandler(MeetingRepository meetings, ParticipantSessionRepository sessions,
                         RecordingStartRepository recordingStarts, Providers providers, Outbox outbox,
                         TransactionTemplate transactions, MeterRegistry meters) {
        this.meetings = meetings;
        this.sessions = sessions;
        this.recordingStarts = recordingStarts;
        this.providers = providers;
        this.outbox = outbox;
        this.transactions = transactions;
        this.alone = new TransactionTemplate(transactions.getTransactionManager());
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.meters = meters;
    }

    /**
     * Applies one event on its own: in a transaction of its own, or inside a running one (a scheduled job's, which
     * holds the job's lock) in a savepoint, so that when the database refuses this event only it is rolled back
     * and the caller can go on with the next.
     */
    public void handle(Object event) {
        alone.executeWithoutResult(status -> handleAll(List.of(event)));
    }

    /**
     * Applies the events in one transaction: a burst of webhooks about one meeting costs one lookup of the meeting
     * and one write of its activity, not one each. Any failure rolls the whole batch back.
     *
     * <p>Batches run side by side (two consumers per instance, any number of instances), so each one writes
     * meeting by meeting in the meetings' id order, and takes a meeting's row before anything of that meeting: two
     * batches about the same meetings then queue on the first one they share instead of deadlocking (meeting A
     * then B in one, B then A in the other). A meeting's events keep their delivery order; the rest (recordings,
     * rooms we do not know) come last, in theirs.
     */
    public void handleAll(List<?> events) {
        transactions.executeWithoutResult(status -> {
            Batch batch = new Batch();
            Map<String, List<Object>> byMeeting = new TreeMap<>();
            List<Object> rest = new ArrayList<>();
            for (Object event : events) {
                batch.meetingWritten(event).ifPresentOrElse(
                        meeting -> byMeeting.computeIfAbsent(meeting.id(), id -> new ArrayList<>()).add(event),
                        () -> rest.add(event));
            }
            byMeeting.forEach((meetingId, ofMeeting) -> {
                meetings.lock(meetingId);
                ofMeeting.forEach(event -> apply(event, batch));
                batch.flush(meetingId);
            });
            rest.forEach(event -> apply(event, batch));
        });
    }

    private void apply(Object event, Batch batch) {
        if (event instanceof ParticipantJoined joined) {
            batch.meeting(joined.platform(), joined.providerRoomName()).ifPresent(meeting -> {
                sessions.joined(meeting.id(), meeting.roomId(), joined.sessionId(), joined.userId(), joined.userName(),
                        joined.joinedAt());
                batch.presenceChanged(meeting, joined.joinedAt(), joined.numClients(), joined.occurredAt());
            });
        } else if (event instanceof ParticipantLeft left) {
            batch.meeting(left.platform(), left.providerRoomName()).ifPresent(meeting -> {
                sessions.left(meeting.id(), meeting.roomId(), left.sessionId(), left.userId(), left.userName(),
                        left.leftAt());
                batch.presenceChanged(meeting, left.leftAt(), left.numClients(), left.occurredAt());
            });
        } else if (event instanceof RoomSessionChanged session) {
            batch.meeting(session.platform(), session.providerRoomName())
                    .ifPresent(meeting -> meetings.sessionChanged(meeting.id(), session.started(), session.at()));
        } else if (event instanceof RecordingStarted started) {
            String meetingId = started.providerRoomName() == null ? null
                    : batch.meeting(started.platform(), started.providerRoomName()).map(Meeting::id).orElse(null);
            recordingStarts.record(started.platform().wireName(), started.providerRecordingId(), meetingId,
                    started.instanceId(), started.startedAt());
        } else if (event instanceof RecordingFailed failed) {
            log.warn("{} reported a recording error in {}: {}", failed.platform().wireName(),
                    failed.providerRoomName(), failed.error());
            if (failed.providerRoomName() != null) {
                batch.meeting(failed.platform(), failed.providerRoomName())
                        .ifPresent(meeting -> meetings.recordingFailed(meeting.id(), failed.error(), failed.at()));
            }
        } else if (event instanceof RecordingFinished finished) {
            on(finished, batch);
        } else {
            throw new IllegalArgumentException("not a provider event: " + event.getClass().getSimpleName());
        }
    }

    /** Announces the finished recording for the recording-worker, linked to its meeting where we know it. */
    private void on(RecordingFinished finished, Batch batch) {
        List<String> keys = finished.kind() == RecordingReady.Kind.RAW_TRACKS ? finished.trackKeys()
                : finished.s3Key() == null ? List.of() : List.of(finished.s3Key());
        if (keys.isEmpty()) {
            // Daily may send a raw-tracks recording's webhook before its track list: announcing it now would spend
            // its announcement id on nothing, so it waits for the recordings poll, which lists it with its objects
            log.warn("{} recording {} names no objects yet; not announced", finished.platform().wireName(),
                    finished.providerRecordingId());
            meters.counter("recordings.without-objects", "provider", finished.platform().wireName()).increment();
            return;
        }
        // linked by the start we recorded first (explicit), then by the provider room (ours are unique per meeting)
        String meetingId = recordingStarts.meetingOf(finished.platform().wireName(), finished.providerRecordingId())
                .or(() -> batch.meeting(finished.platform(), finished.providerRoomName()).map(Meeting::id))
                .orElse(null);
        if (meetingId == null) {
            log.warn("{} recording {} of room {} matches no meeting; announced unlinked", finished.platform().wireName(),
                    finished.providerRecordingId(), finished.providerRoomName());
            meters.counter("recordings.unlinked", "provider", finished.platform().wireName()).increment();
        }
        String eventId = "recording-ready:" + finished.platform().wireName() + ":" + finished.providerRecordingId();
        outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new RecordingReady(eventId,
                finished.occurredAt(), finished.platform(), finished.providerRecordingId(), meetingId, finished.kind(),
                providers.forPlatform(finished.platform()).recordingsBucket(), keys, finished.startedAt()));
    }

    /**
     * What one batch has read and what it writes once at its end: meetings looked up once each, and a meeting's
     * activity time and presence flag written once however many events touched them.
     */
    private final class Batch {

        private final Map<String, Optional<Meeting>> meetingsByRoom = new HashMap<>();
        private final Map<String, Instant> lastActivity = new HashMap<>();
        private final Map<String, Instant> presenceDirty = new HashMap<>();

        /**
         * The meeting whose row or participant sessions the event writes, if we know it. Recording events write
         * neither (their start record and announcement have ids of their own), so they take no meeting's row: the
         * scheduled poller hands them over inside its job's long transaction, which must not hold meetings.
         */
        Optional<Meeting> meetingWritten(Object event) {
            if (event instanceof ParticipantJoined joined) {
                return meeting(joined.platform(), joined.providerRoomName());
            } else if (event instanceof ParticipantLeft left) {
                return meeting(left.platform(), left.providerRoomName());
            } else if (event instanceof RoomSessionChanged session) {
                return meeting(session.platform(), session.providerRoomName());
            } else if (event instanceof RecordingFailed failed && failed.providerRoomName() != null) {
                return meeting(failed.platform(), failed.providerRoomName());
            }
            return Optional.empty();
        }

        Optional<Meeting> meeting(Platform platform, String providerRoomName) {
            return meetingsByRoom.computeIfAbsent(platform.wireName() + "/" + providerRoomName, key -> {
                Optional<Meeting> meeting = meetings.findByProviderRoom(platform, providerRoomName);
                if (meeting.isEmpty()) {
                    log.debug("{} event for unknown room {}", platform.wireName(), providerRoomName);
                }
                return meeting;
            });
        }

        /**
         * Someone joined or left: the meeting was active at {@code at}; its count is the provider's absolute one
         * when the event carries it (Whereby), otherwise the presence reconciler is asked to read it (Daily).
         */
        void presenceChanged(Meeting meeting, Instant at, @Nullable Integer numClients, Instant occurredAt) {
            lastActivity.merge(meeting.id(), at, (a, b) -> a.isAfter(b) ? a : b);
            if (numClients != null) {
                meetings.countParticipants(meeting.id(), numClients, at);
            } else {
                presenceDirty.putIfAbsent(meeting.id(), occurredAt);
            }
        }

        /** Writes the meeting's activity time and presence flag once, whatever number of its events set them. */
        void flush(String meetingId) {
            Instant active = lastActivity.remove(meetingId);
            if (active != null) {
                meetings.touch(meetingId, active);
            }
            Instant dirty = presenceDirty.remove(meetingId);
            if (dirty != null) {
                meetings.markPresenceDirty(meetingId, dirty);
            }
        }
    }
}
