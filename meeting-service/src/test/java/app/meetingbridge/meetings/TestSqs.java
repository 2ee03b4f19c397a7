package app.meetingbridge.meetings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real SQS API in this JVM (ElasticMQ), started once per test run: queues, long polls, visibility timeouts and
 * redrive policies as SQS has them.
 */
public final class TestSqs {

    public static final String ACCESS_KEY = "sqs-test-key";
    public static final String SECRET_KEY = "sqs-test-secret";
    private static TestSqs shared;

    private final URI endpoint;
    private final SQSRestServer server;

    private TestSqs(int port) {
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
    }

    public static synchronized TestSqs shared() {
        if (shared == null) {
            shared = new TestSqs(freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::stopAndWait));
        }
        return shared;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SqsClient client() {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /**
     * A queue whose messages come back after {@code visibilitySeconds} unless deleted, and move to the queue
     * {@code deadLetterUrl} names after {@code maxReceives} receives; returns its URL.
     */
    public String createQueue(String name, int visibilitySeconds, String deadLetterUrl, int maxReceives) {
        try (SqsClient sqs = client()) {
            String deadLetterArn = sqs.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            return sqs.createQueue(request -> request.queueName(name).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilitySeconds),
                    QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + maxReceives
                            + "\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}"))).queueUrl();
        }
    }

    public String createQueue(String name) {
        try (SqsClient sqs = client()) {
            return sqs.createQueue(request -> request.queueName(name)).queueUrl();
        }
    }
}
