package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.meetings.provider.ResilienceProperties;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Daily settings: {@code DAILY_API_KEY}, {@code DAILY_API_URL}, {@code DAILY_SUBDOMAIN}, {@code DAILY_WEBHOOK_SECRET},
 * and the bucket Daily records into: {@code AWS_DAILY_S3_BUCKET}, {@code AWS_DAILY_S3_REGION},
 * {@code AWS_DAILY_ROLE_ARN} (or Reflector's {@code DAILYCO_STORAGE_AWS_*} names).
 */
@ConfigurationProperties("app.providers.daily")
record DailyProperties(String apiKey, URI apiUrl, String subdomain, String webhookSecret, String recordingsBucket,
                       String recordingsBucketRegion, String recordingsRoleArn, ResilienceProperties resilience) {

    /** Fails with one line naming the first missing setting a Daily deployment needs. */
    void requireComplete() {
        require(apiKey, "DAILY_API_KEY");
        require(recordingsBucket, "AWS_DAILY_S3_BUCKET (or DAILYCO_STORAGE_AWS_BUCKET_NAME)");
        require(recordingsRoleArn, "AWS_DAILY_ROLE_ARN (or DAILYCO_STORAGE_AWS_ROLE_ARN)");
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Daily is enabled (DAILY_API_KEY is set) but " + name + " is not set");
        }
    }
}
