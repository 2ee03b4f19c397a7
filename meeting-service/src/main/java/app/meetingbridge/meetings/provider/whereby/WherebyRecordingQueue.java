package app.meetingbridge.meetings.provider.whereby;

import app.meetingbridge.events.meeting.Platform;
import app.meetingbridge.meetings.provider.RecordingEventQueue;
import app.meetingbridge.meetings.provider.StoredRecording;
import app.meetingbridge.meetings.provider.whereby.S3EventNotification.CreatedObject;
import app.meetingbridge.meetings.provider.whereby.S3EventNotification.MalformedNotification;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS queue the Whereby bucket's S3 event notifications go to ({@code AWS_PROCESS_RECORDING_QUEUE_URL}),
 * read with long polls. Its client talks to the host the queue URL names (AWS, or an SQS-compatible server),
 * in {@code TRANSCRIPT_STORAGE_AWS_REGION}, with the transcript storage key when one is set and the default AWS
 * credential chain otherwise. A message is read here as what it says for the Whereby bucket: the recordings (video
 * objects) written there; an object of another bucket is refused, any other object ignored, and a message that is
 * not an S3 event notification is left in the queue for its redrive policy (counted and logged each time).
 */
@Component
@ConditionalOnExpression("'${app.providers.whereby.recording-queue.url:}' != ''")
public class WherebyRecordingQueue implements RecordingEventQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WherebyRecordingQueue.class);

    /** SQS's longest poll: an idle queue costs three requests a minute. */
    private static final int WAIT_SECONDS = 20;
    private static final int MAX_MESSAGES = 10;

    private final String queueUrl;
    private final SqsClient sqs;
    private final String bucket;
    private final MeterRegistry meters;

    WherebyRecordingQueue(WherebyProperties whereby, ObjectProvider<WherebyRecordingsBucket> recordings,
                          MeterRegistry meters) {
        WherebyRecordingsBucket recordingsBucket = recordings.getIfAvailable();
        if (recordingsBucket == null) {
            throw new IllegalStateException("AWS_PROCESS_RECORDING_QUEUE_URL is set but Whereby is not enabled "
                    + "(WHEREBY_API_KEY and WHEREBY_STORAGE_AWS_BUCKET_NAME)");
        }
        this.bucket = recordingsBucket.bucket();
        this.meters = meters;
        RecordingQueue settings = whereby.recordingQueue();
        this.queueUrl = settings.url();
        URI url = URI.create(queueUrl);
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalStateException("AWS_PROCESS_RECORDING_QUEUE_URL is not a URL: " + queueUrl);
        }
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(url.getScheme() + "://" + url.getRawAuthority()))
                .region(Region.of(settings.region() == null || settings.region().isBlank() ? "us-east-1" : settings.region()))
                .credentialsProvider(credentials(settings))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(WAIT_SECONDS + 10)).build())
                .build();
    }

    private static AwsCredentialsProvider credentials(RecordingQueue settings) {
        if (settings.accessKeyId() == null || settings.accessKeyId().isBlank()
                || settings.secretAccessKey() == null || settings.secretAccessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
                settings.secretAccessKey()));
    }

    @Override
    public Platform platform() {
        return Platform.WHEREBY;
    }

    @Override
    public String url() {
        return queueUrl;
    }

    /** Up to ten messages; waits up to 20 seconds for the first one. */
    @Override
    public List<RecordingEvent> receive() {
        List<RecordingEvent> events = new ArrayList<>();
        sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(MAX_MESSAGES)
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages().forEach(message -> {
                    int receiveCount = Integer.parseInt(message.attributes().getOrDefault(
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
                    try {
                        events.add(new RecordingEvent(message.messageId(), message.receiptHandle(), receiveCount,
                                recordings(S3EventNotification.createdObjects(message.body()))));
                    } catch (MalformedNotification e) {
                        count("malformed");
                        log.warn("SQS message {} is not an S3 event notification ({}); left in the queue for its "
                                + "redrive policy (received {} time(s))", message.messageId(), e.getMessage(),
                                receiveCount);
                    }
                });
        return events;
    }

    /** The recordings among the objects an event says were written. */
    private List<StoredRecording> recordings(List<CreatedObject> created) {
        List<StoredRecording> recordings = new ArrayList<>();
        for (CreatedObject object : created) {
            if (!object.bucket().equals(bucket)) {
                count("refused");
                log.warn("S3 event for {}/{} refused: not the Whereby bucket {}", object.bucket(), object.key(),
                        bucket);
            } else if (!WherebyRecordingsBucket.isMedia(object.key())) {
                count("ignored");
            } else {
                recordings.add(WherebyRecordingsBucket.recording(object.key(), object.createdAt()));
            }
        }
        return recordings;
    }

    private void count(String outcome) {
        meters.counter("recordings.queue.events", "provider", "whereby", "outcome", outcome).increment();
    }

    /** Removes a message that has been dealt with. */
    @Override
    public void delete(RecordingEvent event) {
        sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(event.receiptHandle()));
    }

    @Override
    public void close() {
        sqs.close();
    }

    /**
     * Where the Whereby bucket's events are queued, and the credential that reads them (Reflector uses the
     * transcript storage credential for it).
     */
    public record RecordingQueue(String url, String region, String accessKeyId, String secretAccessKey) {
    }
}
