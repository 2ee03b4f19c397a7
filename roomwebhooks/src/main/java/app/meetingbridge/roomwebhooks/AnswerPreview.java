package app.meetingbridge.roomwebhooks;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The start of a receiver's answer, as it is kept: at most a number of characters, read from at most four bytes
 * per character (the most UTF-8 spends on one), so that a large or endless answer is never read whole.
 */
public final class AnswerPreview {

    private AnswerPreview() {
    }

    /** How many bytes of the answer to read for a preview of {@code characters}. */
    public static int bytesFor(int characters) {
        return 4 * characters;
    }

    /**
     * The first {@code characters} characters of {@code head}, never ending on half of a character outside the
     * Basic Multilingual Plane; bytes that are not UTF-8 become U+FFFD; null for an empty answer.
     */
    public static @Nullable String of(byte[] head, int characters) {
        if (head.length == 0) {
            return null;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int end = Math.min(characters, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
