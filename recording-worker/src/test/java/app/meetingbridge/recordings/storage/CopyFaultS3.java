package app.meetingbridge.recordings.storage;

import app.meetingbridge.testsupport.TestS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.KeyNotFoundException;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.internal.MutableBlobMetadataImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.rest.AuthorizationException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3proxy in this JVM over memory, as {@link TestS3} but for the server-side copy's other cases: it knows two access
 * keys (the transcript storage's, {@link TestS3#ACCESS_KEY}, and a provider's), and its CopyObject can be made to
 * answer as real servers and bucket policies do when they will not or cannot copy, or copy differently.
 */
final class CopyFaultS3 implements AutoCloseable {

    static final String PROVIDER_ACCESS_KEY = "provider-access-key";
    static final String PROVIDER_SECRET_KEY = "provider-secret-key";

    /** What CopyObject does. */
    enum Copy {
        /** Copies. */
        WORKS,
        /** 403 AccessDenied, as for a credential that may not read the source (a bucket of another account). */
        REFUSED,
        /** 501, as from a server that cannot copy. */
        NOT_IMPLEMENTED,
        /** 404 NoSuchKey, as for an object removed between its HEAD and the copy. */
        SOURCE_GONE,
        /** Copies, and gives the copy an ETag that is not its MD5, as a bucket encrypted with KMS does. */
        OTHER_ETAG,
        /** Copies with one byte changed. */
        DAMAGES
    }

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Copies store;

    private CopyFaultS3(S3Proxy proxy, Copies store) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.store = store;
    }

    static CopyFaultS3 start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .build(BlobStoreContext.class);
        Copies store = new Copies(context.getBlobStore());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, TestS3.ACCESS_KEY, TestS3.SECRET_KEY)
                .build();
        Map<String, String> secrets = Map.of(TestS3.ACCESS_KEY, TestS3.SECRET_KEY, PROVIDER_ACCESS_KEY, PROVIDER_SECRET_KEY);
        proxy.setBlobStoreLocator((identity, container, blob) ->
                secrets.containsKey(identity) ? Map.entry(secrets.get(identity), store) : null);
        TestS3.started(proxy);
        return new CopyFaultS3(proxy, store);
    }

    URI endpoint() {
        return endpoint;
    }

    /** How CopyObject answers from now on; the count of copy requests starts again from zero. */
    void copies(Copy how) {
        store.how = how;
        store.requests.set(0);
    }

    /** CopyObject requests that reached the server since {@link #copies(Copy)}. */
    int copyRequests() {
        return store.requests.get();
    }

    /** A client with the transcript storage key. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(TestS3.REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build();
    }

    void createBucket(String bucket) {
        store.createContainerInLocation(null, bucket);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    private static final class Copies extends ForwardingBlobStore {

        final AtomicInteger requests = new AtomicInteger();
        final Set<String> otherEtags = ConcurrentHashMap.newKeySet();
        volatile Copy how = Copy.WORKS;

        Copies(BlobStore blobs) {
            super(blobs);
        }

        @Override
        public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
                               CopyOptions options) {
            requests.incrementAndGet();
            return switch (how) {
                case WORKS -> super.copyBlob(fromContainer, fromName, toContainer, toName, options);
                case REFUSED -> throw new AuthorizationException("may not read " + fromContainer);
                case NOT_IMPLEMENTED -> throw new UnsupportedOperationException("no copies here");
                case SOURCE_GONE -> throw new KeyNotFoundException(fromContainer, fromName, "gone");
                case OTHER_ETAG -> {
                    otherEtags.add(toContainer + "/" + toName);
                    yield super.copyBlob(fromContainer, fromName, toContainer, toName, options);
                }
                case DAMAGES -> {
                    Blob source = getBlob(fromContainer, fromName);
                    byte[] bytes;
                    try (InputStream in = source.getPayload().openStream()) {
                        bytes = in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bytes[bytes.length / 2] ^= 1;
                    yield putBlob(toContainer, blobBuilder(toName).payload(bytes)
                            .userMetadata(options.userMetadata()).build());
                }
            };
        }

        @Override
        public BlobMetadata blobMetadata(String container, String name) {
            BlobMetadata metadata = super.blobMetadata(container, name);
            if (metadata == null || !otherEtags.contains(container + "/" + name)) {
                return metadata;
            }
            MutableBlobMetadataImpl changed = new MutableBlobMetadataImpl(metadata);
            changed.setETag("\"" + UUID.randomUUID().toString().replace("-", "") + "\"");
            return changed;
        }
    }
}
