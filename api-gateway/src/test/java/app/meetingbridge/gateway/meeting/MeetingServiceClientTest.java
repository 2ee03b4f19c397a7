package app.meetingbridge.gateway.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeetingServiceClientTest {

    @Test
    void namesDailysNotHostingACallInTheReasonTheWebAppRetriesOn() {
        String reason = MeetingServiceClient.refusalReason("Daily refused (404): {\"error\":\"not-found\","
                + "\"info\":\"room acme-internal-20261203085500-ab12cd34 does not seem to be hosting a call currently\"}");

        assertThat(reason).isEqualTo("Video provider refused the request: the room does not seem to be hosting a call yet")
                .doesNotContain("acme-internal");
    }

    @Test
    void keepsEveryOtherProviderAnswerOutOfTheReason() {
        assertThat(MeetingServiceClient.refusalReason("Daily refused (400): domain acme-internal-7731 is over its quota"))
                .isEqualTo("Video provider refused the request");
    }
}
