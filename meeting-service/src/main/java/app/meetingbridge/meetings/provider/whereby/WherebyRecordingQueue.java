package app.meetingbridge.meetings.provider.whereby;

import java.net.URI;
import java.time.Duration;
import java.util.List;
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
 * credential chain otherwise.
 */
@Component
@ConditionalOnExpression("'${app.providers.whereby.recording-queue.url:}' != ''")
public class WherebyRecordingQueue implements AutoCloseable {

    /** SQS's longest poll: an idle queue costs three requests a minute. */
    private static final int WAIT_SECONDS = 20;
    private static final int MAX_MESSAGES = 10;

    private final String queueUrl;
    private final SqsClient sqs;

    WherebyRecordingQueue(WherebyProperties whereby) {
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

    public String url() {
        return queueUrl;
    }

    /** Up to ten messages; waits up to 20 seconds for the first one. */
    public List<QueuedMessage> receive() {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(MAX_MESSAGES)
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages().stream()
                .map(message -> new QueuedMessage(message.messageId(), message.receiptHandle(), message.body(),
                        Integer.parseInt(message.attributes().getOrDefault(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))))
                .toList();
    }

    /** Removes a message that has been dealt with. */
    public void delete(QueuedMessage message) {
        sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    @Override
    public void close() {
        sqs.close();
    }

    /** A message as received: its id, the handle that deletes it, its body, and how often it was received. */
    public record QueuedMessage(String id, String receiptHandle, String body, int receiveCount) {
    }

    /**
     * Where the Whereby bucket's events are queued, and the credential that reads them (Reflector uses the
     * transcript storage credential for it).
     */
    public record RecordingQueue(String url, String region, String accessKeyId, String secretAccessKey) {
    }
}
