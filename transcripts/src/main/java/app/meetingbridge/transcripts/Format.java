package app.meetingbridge.transcripts;

import java.util.Optional;

/** The formats a whole transcript is shown in, under the names the API takes ({@code transcript_format}). */
public enum Format {
    TEXT("text"), TEXT_TIMESTAMPED("text-timestamped"), WEBVTT_NAMED("webvtt-named"), JSON("json");

    private final String wireName;

    Format(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Format> of(String wireName) {
        for (Format format : values()) {
            if (format.wireName.equals(wireName)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
