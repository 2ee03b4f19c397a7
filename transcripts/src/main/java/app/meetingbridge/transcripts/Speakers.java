package app.meetingbridge.transcripts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The name shown for each speaker number: a participant's with that number, or {@code Speaker N}. */
public final class Speakers {

    private final Map<Integer, String> names;

    private Speakers(Map<Integer, String> names) {
        this.names = names;
    }

    /** Named by the participants that have both a speaker number and a name (the last one wins). */
    public static Speakers of(List<Participant> participants) {
        Map<Integer, String> names = new HashMap<>();
        for (Participant participant : participants) {
            if (participant.speaker() != null && participant.name() != null) {
                names.put(participant.speaker(), participant.name());
            }
        }
        return new Speakers(names);
    }

    public String name(int speaker) {
        return names.getOrDefault(speaker, "Speaker " + speaker);
    }
}
