package app.meetingbridge.roomwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheSecondsADotAndTheBodyWithHmacSha256InHex() {
        byte[] body = "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);

        // printf '1700000000.{"event":"test"}' | openssl dgst -sha256 -hmac s3cret
        assertThat(WebhookSignature.of("s3cret", 1_700_000_000L, body))
                .isEqualTo("t=1700000000,v1=1c5b24400e91c3c2a54a5fc594c52fc115eb8e1d8d6b200dc40d90fa6ef6e273");
    }

    @Test
    void givesAnotherSignatureForAnotherSecondOrSecret() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signed = WebhookSignature.of("a", 1, body);

        assertThat(WebhookSignature.of("a", 2, body)).isNotEqualTo(signed).startsWith("t=2,v1=");
        assertThat(WebhookSignature.of("b", 1, body)).isNotEqualTo(signed);
    }
}
