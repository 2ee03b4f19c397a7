package app.meetingbridge.meetings.meeting;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.jobs.JobLockRepository;
import app.meetingbridge.meetings.provider.PlatformUnavailableException;
import app.meetingbridge.meetings.provider.Presence;
import app.meetingbridge.meetings.provider.ProviderRejectedException;
import app.meetingbridge.meetings.provider.ProviderUnavailableException;
import app.meetingbridge.meetings.provider.Providers;
import app.meetingbridge.meetings.provider.VideoProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled side of a meeting's life, each job on one instance at a time:
 * <ul>
 * <li>presence: participants as the provider counts them (absolute), on a schedule for every active meeting
 * and within seconds for meetings a join or leave webhook marked; sessions missing are opened, sessions gone
 * are closed;</li>
 * <li>deactivation: a meeting nobody is in, that nobody was handed, joined or left for the grace period (or past
 * its end unused) becomes inactive and its provider room is deleted. Handing out a meeting counts as activity,
 * so nobody still connecting is left in a meeting being closed (a meeting closed under someone joining it is a
 * bug Reflector had).</li>
 * </ul>
 * Each meeting is written in a short transaction of its own, committed before the next meeting's provider call:
 * the job's own transaction only holds its lock, so no meeting row stays locked through a whole pass (and its
 * provider calls), where provider-events batches would wait on it or deadlock with it.
 */
@Service
public class MeetingLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MeetingLifecycle.class);

    private final MeetingRepository meetings;
    private final ParticipantSessionRepository sessions;
    private final JobLockRepository jobs;
    private final Providers providers;
    private final LifecycleProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate eachMeeting;

    MeetingLifecycle(MeetingRepository meetings, ParticipantSessionRepository sessions, JobLockRepository jobs,
                     Providers providers, LifecycleProperties properties, MeterRegistry meters, Clock clock,
                     TransactionTemplate transactions) {
        this.meetings = meetings;
        this.sessions = sessions;
        this.jobs = jobs;
        this.providers = providers;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.eachMeeting = new TransactionTemplate(transactions.getTransactionManager());
        this.eachMeeting.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.presence-interval:30s}")
    public void reconcileAllPresence() {
        jobs.runExclusively("presence-all", () -> reconcilePresence(false));
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.dirty-presence-interval:2s}")
    public void reconcileMarkedPresence() {
        jobs.runExclusively("presence-marked", () -> reconcilePresence(true));
    }

    @Scheduled(fixedDelayString = "${app.lifecycle.deactivation-interval:30s}")
    public void deactivateIdleMeetings() {
        jobs.runExclusively("deactivation", this::deactivateIdle);
    }

    private void reconcilePresence(boolean onlyMarked) {
        for (Platform platform : Platform.values()) {
            if (!providers.configured().contains(platform.wireName())) {
                continue;
            }
            VideoProvider provider = providers.forPlatform(platform);
            for (Meeting meeting : meetings.activeOn(platform, onlyMarked)) {
                try {
                    provider.presence(meeting.providerRoomName()).ifPresent(presence ->
                            eachMeeting.executeWithoutResult(status -> apply(meeting, presence)));
                } catch (ProviderUnavailableException | ProviderRejectedException e) {
                    log.warn("presence of meeting {} not read: {}", meeting.id(), e.getMessage());
                }
            }
        }
    }

    private void apply(Meeting meeting, Presence presence) {
        meetings.lock(meeting.id());
        Instant now = clock.instant();
        Set<String> present = new HashSet<>();
        List<String> open = sessions.openSessions(meeting.id());
        for (Presence.Participant participant : presence.participants()) {
            present.add(participant.sessionId());
            if (!open.contains(participant.sessionId())) {
                sessions.joined(meeting.id(), meeting.roomId(), participant.sessionId(), participant.userId(),
                        participant.userName(), now);
            }
        }
        sessions.close(meeting.id(), open.stream().filter(id -> !present.contains(id)).toList(), now);
        meetings.presenceReconciled(meeting.id(), presence.count(), now);
        if (presence.count() > 0) {
            meetings.touch(meeting.id(), now);
        }
    }

    private void deactivateIdle() {
        Instant now = clock.instant();
        Instant idleSince = now.minus(properties.emptyGrace());
        for (Meeting meeting : meetings.idleOrEnded(now, idleSince)) {
            if (Boolean.TRUE.equals(eachMeeting.execute(status ->
                    !sessions.anyOpen(meeting.id()) && meetings.deactivateIfIdle(meeting.id(), now, idleSince)))) {
                boolean ended = meeting.hasEnded(now);
                log.info("deactivated meeting {}: {}", meeting.id(), ended ? "past its end" : "empty for the grace period");
                meters.counter("meetings.deactivated", "reason", ended ? "ended" : "empty").increment();
                deleteProviderRoom(meeting, now);
            }
        }
    }

    private void deleteProviderRoom(Meeting meeting, Instant now) {
        try {
            providers.forPlatform(meeting.settings().platform())
                    .deleteRoom(meeting.providerMeetingId(), meeting.providerRoomName());
            eachMeeting.executeWithoutResult(status -> meetings.markProviderRoomDeleted(meeting.id(), now));
        } catch (PlatformUnavailableException | ProviderUnavailableException | ProviderRejectedException e) {
            log.warn("provider room {} of inactive meeting {} not deleted: {}", meeting.providerRoomName(),
                    meeting.id(), e.getMessage());
        }
    }
}
