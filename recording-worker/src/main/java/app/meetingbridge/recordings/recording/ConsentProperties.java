package app.meetingbridge.recordings.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a refused consent deletes besides our own audio (the copies, the mixed mp3 and its waveform):
 * {@code deleteProviderObjects} ({@code CONSENT_DELETE_PROVIDER_OBJECTS}, on unless set, as Reflector) also deletes
 * the recording's original objects in the provider's bucket; off, they are left to the provider's own retention.
 */
@ConfigurationProperties("app.consent")
record ConsentProperties(@DefaultValue("true") boolean deleteProviderObjects) {
}
