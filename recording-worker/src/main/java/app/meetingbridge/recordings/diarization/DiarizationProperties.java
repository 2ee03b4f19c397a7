package app.meetingbridge.recordings.diarization;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code DIARIZATION_ENABLED} (on unless set, as in Reflector), {@code DIARIZATION_URL} (the service; empty: no
 * diarization, said once at startup), {@code DIARIZATION_MODAL_API_KEY} (sent as a Bearer token when set),
 * {@code timeout} ({@code DIARIZATION_TIMEOUT}: how long one recording may take; the service fetches and analyses
 * the whole audio before it answers, minutes for an hour) and {@code linkExpiry} ({@code DIARIZATION_LINK_EXPIRY}:
 * how long the signed link to the audio it is given stays valid).
 */
@ConfigurationProperties("app.diarization")
record DiarizationProperties(@DefaultValue("true") boolean enabled, String url, String apiKey, Duration timeout,
                             Duration linkExpiry) {

    DiarizationProperties {
        url = url == null ? "" : url.strip().replaceAll("/+$", "");
        apiKey = apiKey == null ? "" : apiKey;
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
        linkExpiry = linkExpiry == null ? Duration.ofHours(2) : linkExpiry;
    }

    /** Whether recordings are diarized: switched on and with a service to ask. */
    boolean active() {
        return enabled && !url.isBlank();
    }
}
