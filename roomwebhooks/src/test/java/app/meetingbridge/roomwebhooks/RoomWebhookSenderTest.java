package app.meetingbridge.roomwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.outbound.AllowList;
import app.meetingbridge.outbound.OutboundGuard;
import app.meetingbridge.outbound.RefusedDestinationException;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Delivery;
import app.meetingbridge.roomwebhooks.RoomWebhookSender.Errors;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class RoomWebhookSenderTest {

    private static RoomWebhookSender sender(Errors errors) {
        return new RoomWebhookSender(new OutboundGuard(AllowList.none()),
                new RoomWebhookDeliveryRepository(DSL.using(SQLDialect.POSTGRES)),
                Duration.ofSeconds(10), 200, errors);
    }

    @Test
    void tellsTheUserWhatWentWrongInGeneralWords() {
        try (RoomWebhookSender sender = sender(Errors.GENERAL)) {
            assertThat(sender.error(new RefusedDestinationException("loopback address")))
                    .isEqualTo("Webhook URL is not allowed");
            assertThat(sender.error(new UnknownHostException("hooks.example.com")))
                    .isEqualTo("Webhook URL host does not resolve");
            assertThat(sender.error(new SocketTimeoutException())).isEqualTo("Webhook request timed out (10 seconds)");
            assertThat(sender.error(new ConnectException("Connection refused: 10.0.0.7")))
                    .isEqualTo("Could not connect to webhook URL");
        }
    }

    @Test
    void tellsTheOperatorWhyTheGuardRefused() {
        try (RoomWebhookSender sender = sender(Errors.DETAILED)) {
            assertThat(sender.error(new RefusedDestinationException("loopback address")))
                    .isEqualTo("webhook URL is not allowed (loopback address)");
            assertThat(sender.error(new ConnectException("Connection refused"))).isEqualTo("could not connect");
        }
    }

    @Test
    void saysWhichAnswersAreFinal() {
        assertThat(new Delivery(204, null, null, null).accepted()).isTrue();
        assertThat(new Delivery(410, "gone", null, null).refusedByReceiver()).isTrue();
        assertThat(new Delivery(503, null, null, null)).matches(d -> !d.accepted() && !d.refusedByReceiver());
        assertThat(new Delivery(null, null, "webhook URL is not allowed (private address)", "private address")
                .notAllowed()).isTrue();
    }
}
