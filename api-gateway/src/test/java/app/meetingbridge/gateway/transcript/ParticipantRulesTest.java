package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.gateway.transcript.EditRequests.NewParticipant;
import app.meetingbridge.gateway.transcript.EditRequests.ParticipantChanges;
import app.meetingbridge.gateway.transcript.TranscriptChanges.Value;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Topic;
import app.meetingbridge.transcripts.Word;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipantRulesTest {

    static final List<Participant> PEOPLE = List.of(new Participant("a", 0, "Ada", "u-a"),
            new Participant("b", 1, "Bob", null), new Participant("e", null, "Eve", null));
    static final List<Topic> TOPICS = List.of(new Topic("t", "", "", 0, null, "",
            List.of(new Word("x", 0, 1, 0), new Word("y", 1, 2, 1), new Word("z", 2, 3, 3))));

    static String refusal(Runnable rule) {
        try {
            rule.run();
            return "none";
        } catch (ApiException e) {
            return e.status().value() + " " + e.getMessage();
        }
    }

    @Test
    void addsAParticipantUnlessItsSpeakerNumberIsTaken() {
        ParticipantRules.Changed added = ParticipantRules.add(PEOPLE, new NewParticipant(2, "Cy"), () -> "c");

        assertThat(added.participant()).isEqualTo(new Participant("c", 2, "Cy", null));
        assertThat(added.participants()).hasSize(4).endsWith(added.participant());
        assertThat(ParticipantRules.add(PEOPLE, new NewParticipant(null, "Dee"), () -> "d").participants())
                .hasSize(4);
        assertThat(refusal(() -> ParticipantRules.add(PEOPLE, new NewParticipant(1, "Twin"), () -> "t")))
                .isEqualTo("400 Speaker already assigned");
    }

    @Test
    void updatesWhatTheRequestNamesAndChecksANumberOnlyWhenOneIsSent() {
        assertThat(ParticipantRules.update(PEOPLE, "e", new ParticipantChanges(null, "Eva")).participant())
                .isEqualTo(new Participant("e", null, "Eva", null));
        assertThat(ParticipantRules.update(PEOPLE, "a", new ParticipantChanges(new Value<>(0), null)).participants())
                .isEqualTo(PEOPLE);
        assertThat(ParticipantRules.update(PEOPLE, "b", new ParticipantChanges(new Value<>(null), null))
                .participant().speaker()).isNull();
        assertThat(refusal(() -> ParticipantRules.update(PEOPLE, "e", new ParticipantChanges(new Value<>(0), null))))
                .isEqualTo("400 Speaker already assigned");
        assertThat(refusal(() -> ParticipantRules.update(PEOPLE, "zz", new ParticipantChanges(null, "X"))))
                .isEqualTo("404 Participant not found");
    }

    @Test
    void removesAParticipantAndLeavesTheListWhenItIsNotThere() {
        assertThat(ParticipantRules.remove(PEOPLE, "b")).extracting(Participant::id).containsExactly("a", "e");
        assertThat(ParticipantRules.remove(PEOPLE, "zz")).isEqualTo(PEOPLE);
    }

    @Test
    void seatsAParticipantWithoutNumberOnTheFirstNumberNoWordCarries() {
        ParticipantRules.Changed eve = ParticipantRules.seated(PEOPLE, "e", TOPICS);

        assertThat(eve.participant().speaker()).isEqualTo(2);
        assertThat(eve.participants().get(2).speaker()).isEqualTo(2);
        assertThat(ParticipantRules.seated(PEOPLE, "b", TOPICS).participants()).isSameAs(PEOPLE);
        assertThat(refusal(() -> ParticipantRules.seated(PEOPLE, "zz", TOPICS))).isEqualTo("404 Participant not found");
    }

    @Test
    void refusesToMergeTwoParticipantsSpeakers() {
        assertThat(refusal(() -> ParticipantRules.checkMerge(PEOPLE, 0, 1)))
                .isEqualTo("400 Both speakers are assigned to participants");
        assertThat(refusal(() -> ParticipantRules.checkMerge(PEOPLE, 3, 1))).isEqualTo("none");
        assertThatThrownBy(() -> ParticipantRules.checkMerge(PEOPLE, 1, 0)).isInstanceOf(ApiException.class);
    }
}
