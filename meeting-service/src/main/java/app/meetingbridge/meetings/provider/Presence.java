package app.meetingbridge.meetings.provider;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The participants in a provider room at one moment. */
public record Presence(List<Participant> participants) {

    public Presence {
        participants = List.copyOf(participants);
    }

    public int count() {
        return participants.size();
    }

    public record Participant(String sessionId, @Nullable String userId, @Nullable String userName) {
    }
}
