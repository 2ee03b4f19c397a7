package app.meetingbridge.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.events.meeting.MeetingCreated;
import app.meetingbridge.events.transcript.TranscriptEvent;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @Test
    void namesEveryMessageByAShortStableStringNotItsClass() {
        assertThat(WireNames.all()).isNotEmpty();
        WireNames.all().forEach((name, type) -> {
            assertThat(name).matches("[a-z]+(\\.[a-z-]+)+").doesNotContain(type.getSimpleName().toLowerCase());
            assertThat(type.isRecord()).as(type + " is a record").isTrue();
            assertThat(WireNames.of(type)).isEqualTo(name);
        });
        assertThat(WireNames.of(MeetingCreated.class)).isEqualTo("meeting.created");
        assertThat(WireNames.of(TranscriptEvent.class)).isEqualTo("transcript.event");
    }

    @Test
    void refusesAClassThatIsNotAMessage() {
        assertThatThrownBy(() -> WireNames.of(String.class)).hasMessageContaining("no wire name");
    }
}
