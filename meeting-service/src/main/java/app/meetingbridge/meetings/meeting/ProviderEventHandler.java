package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.provider.ParticipantJoined;
import app.meetingbridge.events.provider.ParticipantLeft;
import app.meetingbridge.events.provider.RecordingFailed;
import app.meetingbridge.events.provider.RecordingFinished;
import app.meetingbridge.events.provider.RecordingStarted;
import app.meetingbridge.events.provider.RoomSessionChanged;
import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.messaging.Outbox;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
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

    ProviderEventHandler(MeetingRepository meetings, ParticipantSessionRepository sessions,
                         RecordingStartRepository recordingStarts, Providers providers, Outbox outbox,
                         TransactionTemplate transactions) {
        this.meetings = meetings;
        this.sessions = sessions;
        this.recordingStarts = recordingStarts;
        this.providers = providers;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public void handle(Object event) {
        transactions.executeWithoutResult(status -> {
            if (event instanceof ParticipantJoined joined) {
                on(joined);
            } else if (event instanceof ParticipantLeft left) {
                on(left);
            } else if (event instanceof RoomSessionChanged session) {
                meeting(session.platform(), session.providerRoomName())
                        .ifPresent(meeting -> meetings.sessionChanged(meeting.id(), session.started(), session.at()));
            } else if (event instanceof RecordingStarted started) {
                String meetingId = started.providerRoomName() == null ? null
                        : meeting(started.platform(), started.providerRoomName()).map(Meeting::id).orElse(null);
                recordingStarts.record(started.platform().wireName(), started.providerRecordingId(), meetingId,
                        started.instanceId(), started.startedAt());
            } else if (event instanceof RecordingFailed failed) {
                log.warn("{} reported a recording error in {}: {}", failed.platform().wireName(),
                        failed.providerRoomName(), failed.error());
                if (failed.providerRoomName() != null) {
                    meeting(failed.platform(), failed.providerRoomName())
                            .ifPresent(meeting -> meetings.recordingFailed(meeting.id(), failed.error(), failed.at()));
                }
            } else if (event instanceof RecordingFinished finished) {
                on(finished);
            } else {
                throw new IllegalArgumentException("not a provider event: " + event.getClass().getSimpleName());
            }
        });
    }

    private void on(ParticipantJoined joined) {
        meeting(joined.platform(), joined.providerRoomName()).ifPresent(meeting -> {
            sessions.joined(meeting.id(), meeting.roomId(), joined.sessionId(), joined.userId(), joined.userName(),
                    joined.joinedAt());
            meetings.touch(meeting.id(), joined.joinedAt());
            if (joined.numClients() != null) {
                meetings.countParticipants(meeting.id(), joined.numClients(), joined.joinedAt());
            } else {
                meetings.markPresenceDirty(meeting.id(), joined.occurredAt());
            }
        });
    }

    private void on(ParticipantLeft left) {
        meeting(left.platform(), left.providerRoomName()).ifPresent(meeting -> {
            sessions.left(meeting.id(), meeting.roomId(), left.sessionId(), left.userId(), left.userName(), left.leftAt());
            meetings.touch(meeting.id(), left.leftAt());
            if (left.numClients() != null) {
                meetings.countParticipants(meeting.id(), left.numClients(), left.leftAt());
            } else {
                meetings.markPresenceDirty(meeting.id(), left.occurredAt());
            }
        });
    }

    /** Announces the finished recording for the recording-worker, linked to its meeting where we know it. */
    private void on(RecordingFinished finished) {
        String meetingId = meeting(finished.platform(), finished.providerRoomName()).map(Meeting::id).orElse(null);
        if (meetingId == null) {
            log.warn("{} recording {} of room {} matches no meeting; announced unlinked", finished.platform().wireName(),
                    finished.providerRecordingId(), finished.providerRoomName());
        }
        List<String> keys = finished.kind() == RecordingReady.Kind.RAW_TRACKS ? finished.trackKeys()
                : finished.s3Key() == null ? List.of() : List.of(finished.s3Key());
        String eventId = "recording-ready:" + finished.platform().wireName() + ":" + finished.providerRecordingId();
        outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_READY, new RecordingReady(eventId,
                finished.occurredAt(), finished.platform(), finished.providerRecordingId(), meetingId, finished.kind(),
                providers.forPlatform(finished.platform()).recordingsBucket(), keys, finished.startedAt()));
    }

    private Optional<Meeting> meeting(app.meetingbridge.events.meeting.Platform platform, String providerRoomName) {
        Optional<Meeting> meeting = meetings.findByProviderRoom(platform, providerRoomName);
        if (meeting.isEmpty()) {
            log.debug("{} event for unknown room {}", platform.wireName(), providerRoomName);
        }
        return meeting;
    }
}
