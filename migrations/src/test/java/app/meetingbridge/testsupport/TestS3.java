package app.meetingbridge.testsupport;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A real S3 API for tests: s3proxy in this JVM on a free loopback port, over an in-memory store (or a folder,
 * for objects too large for the heap), with S3's request signing checked against one access key.
 */
public final class TestS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";
    public static final String REGION = "us-east-1";

    private static TestS3 shared;

    private final S3Proxy proxy;
    private final URI endpoint;

    private TestS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** One in-memory server for the whole test JVM. */
    public static synchronized TestS3 shared() {
        if (shared == null) {
            shared = start(null);
        }
        return shared;
    }

    /** A server of its own, over {@code folder} when given (objects on disk), in memory otherwise. */
    public static TestS3 start(Path folder) {
        Properties overrides = new Properties();
        String provider = "transient";
        if (folder != null) {
            provider = "filesystem";
            overrides.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        }
        BlobStoreContext context = ContextBuilder.newBuilder(provider)
                .credentials("identity", "credential")
                .overrides(overrides)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started(proxy);
        return new TestS3(proxy);
    }

    /** Starts an s3proxy and waits until it serves (at most 60 s: the machine may be busy). */
    public static void started(S3Proxy proxy) {
        try {
            proxy.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client as the services configure theirs for an S3-compatible server: path-style, our endpoint. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(request -> request.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // there already
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
