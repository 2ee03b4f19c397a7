package app.meetingbridge.meetings.provider.daily;

import app.meetingbridge.meetings.provider.RequiredSettings;
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
        String enabled = "Daily is enabled (DAILY_API_KEY is set)";
        RequiredSettings.require(recordingsBucket, "AWS_DAILY_S3_BUCKET (or DAILYCO_STORAGE_AWS_BUCKET_NAME)", enabled);
        RequiredSettings.require(recordingsRoleArn, "AWS_DAILY_ROLE_ARN (or DAILYCO_STORAGE_AWS_ROLE_ARN)", enabled);
    }
}
