package app.meetingbridge.roomwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerPreviewTest {

    @Test
    void keepsAtMostTheCharactersAsked() {
        assertThat(AnswerPreview.of("x".repeat(600).getBytes(StandardCharsets.UTF_8), 500)).hasSize(500);
        assertThat(AnswerPreview.of("ok".getBytes(StandardCharsets.UTF_8), 500)).isEqualTo("ok");
    }

    @Test
    void isNullForAnEmptyAnswer() {
        assertThat(AnswerPreview.of(new byte[0], 200)).isNull();
    }

    @Test
    void neverEndsOnHalfACharacterOutsideTheBasicPlane() {
        String text = "a" + "\uD83D\uDE00".repeat(10); // "a" then ten emoji, two chars each

        assertThat(AnswerPreview.of(text.getBytes(StandardCharsets.UTF_8), 4)).isEqualTo("a\uD83D\uDE00");
    }

    @Test
    void turnsBytesThatAreNotUtf8IntoTheReplacementCharacter() {
        assertThat(AnswerPreview.of(new byte[] {'o', 'k', (byte) 0xff}, 200)).isEqualTo("ok\uFFFD");
    }

    @Test
    void readsEnoughBytesForTheLongestUtf8Characters() {
        String threeByteCharacters = "€".repeat(200);
        byte[] head = threeByteCharacters.getBytes(StandardCharsets.UTF_8);
        byte[] read = java.util.Arrays.copyOf(head, Math.min(head.length, AnswerPreview.bytesFor(200)));

        assertThat(AnswerPreview.of(read, 200)).isEqualTo(threeByteCharacters);
    }
}
