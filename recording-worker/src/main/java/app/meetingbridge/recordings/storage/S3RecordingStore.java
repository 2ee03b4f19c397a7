package app.meetingbridge.recordings.storage;

import app.meetingbridge.recordings.storage.StorageException.Reason;
import app.meetingbridge.recordings.storage.StorageProperties.Bucket;
import app.meetingbridge.storage.S3Access;
import app.meetingbridge.storage.S3Clients;
import app.meetingbridge.storage.S3Folders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 side of recordings (AWS SDK v2): reads objects from the providers' buckets and writes them to the
 * transcript storage bucket. Where one credential reads the provider bucket and writes ours, the server copies
 * an object (CopyObject, up to 5 GiB) and no byte passes through the worker. Otherwise, and for a platform whose
 * copy the server refused, a copy streams through a few part-sized buffers (memory does not grow with the
 * object), uploads the parts while the next one is read and survives a crash (a new attempt resumes the
 * multipart upload where the parts stop). Either way it is verified: the byte count against the object's size,
 * and the bytes against its MD5 ETag when the provider wrote it in one part.
 */
public class S3RecordingStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3RecordingStore.class);
    static final String SOURCE_ETAG = "source-etag";
    /** Where files uploaded to transcripts are, in the transcript storage. */
    public static final String UPLOADS_FOLDER = "uploads/";
    private static final int PARTS_IN_FLIGHT = 2;
    /** The largest object one CopyObject copies. */
    private static final long COPY_OBJECT_LIMIT = 5L * 1024 * 1024 * 1024;
    private static final S3AuthSchemeProvider DEFAULT_AUTH = S3AuthSchemeProvider.defaultProvider();
    /**
     * Requests are signed, their bodies not: hashing every byte for the signature (what the SDK does on plain
     * HTTP endpoints) would double the CPU of a copy. Each part carries its Content-MD5 instead, which the
     * server checks, and the whole copy is checked against the source's MD5.
     */
    private static final S3AuthSchemeProvider UNSIGNED_PAYLOAD = params -> DEFAULT_AUTH.resolveAuthScheme(params)
            .stream().map(option -> option.toBuilder()
                    .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false).build())
            .toList();

    private final StorageProperties properties;
    private final S3Client transcripts;
    /** Signs links to the transcript storage's objects: same endpoint and credential as {@link #transcripts}. */
    private final S3Presigner presigner;
    private final Map<String, S3Client> sources;
    /** Platforms whose bucket is read with the transcript storage credential, when server-side copy is on. */
    private final Set<String> serverSideCopy;
    /** Platforms whose copy the server refused: streamed from then on. */
    private final Set<String> copyRefused = ConcurrentHashMap.newKeySet();
    private final int partSize;

    public S3RecordingStore(StorageProperties properties) {
        this.properties = properties;
        this.transcripts = client(properties.endpoint(), properties.transcripts(), null);
        this.presigner = S3Clients.presigner(properties.transcripts().access(properties.endpoint()));
        this.sources = new HashMap<>();
        this.serverSideCopy = new HashSet<>();
        properties.sources().forEach((platform, bucket) -> {
            if (bucket.configured()) {
                sources.put(platform, client(properties.endpoint(), bucket, properties.transcripts()));
                // without a key of its own the bucket is read with the key that writes ours (or both with the chain's)
                if (properties.serverSideCopy() && !bucket.hasCredential()) {
                    serverSideCopy.add(platform);
                }
            }
        });
        this.partSize = Math.max(5, properties.partSizeMib()) * 1024 * 1024;
    }

    /** A client of the bucket, with the fallback's key when it has none (or both with the default chain's). */
    private static S3Client client(@Nullable String endpoint, Bucket bucket, @Nullable Bucket fallback) {
        S3Access access = bucket.access(endpoint);
        return S3Clients.client(fallback == null ? access : access.orKeyOf(fallback.access(endpoint)),
                builder -> builder.authSchemeProvider(UNSIGNED_PAYLOAD));
    }

    public String transcriptsBucket() {
        return properties.transcripts().name();
    }

    /**
     * Copies one provider object into the transcript storage at {@code targetKey}, server-side where it can,
     * streamed otherwise. A target already copied from this object (same size and source ETag) is left as it is.
     *
     * @param afterPart called after each part is read and handed to the uploader (the byte count so far); once
     *                  with the object's size after a server-side copy
     */
    public Copied copy(String platform, String bucket, String key, String targetKey, PartListener afterPart) {
        refuseOutside(platform, bucket, key);
        try {
            return copyChecked(platform, bucket, key, targetKey, afterPart);
        } catch (SdkException e) {
            // a request of ours that failed outside the reads and writes already classified (the target's state,
            // the upload's parts, its completion, the check): the storage is unavailable, the attempt is retried
            throw new StorageException(Reason.UNAVAILABLE, "copying " + bucket + "/" + key + " to " + targetKey + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The copy in named steps: what the source is; nothing to do when the target already is its copy; an empty
     * object written as it is; a server-side copy where the platform allows one; a streamed copy otherwise.
     */
    private Copied copyChecked(String platform, String bucket, String key, String targetKey, PartListener afterPart) {
        S3Client source = sources.get(platform);
        HeadObjectResponse head = head(source, bucket, key);
        long size = head.contentLength();
        String etag = unquote(head.eTag());
        if (alreadyCopied(targetKey, size, etag)) {
            return new Copied(targetKey, size, etag, 0, true, false);
        }
        if (size == 0) {
            transcripts.putObject(request -> request.bucket(transcriptsBucket()).key(targetKey)
                    .metadata(Map.of(SOURCE_ETAG, etag)), RequestBody.empty());
            return new Copied(targetKey, 0, etag, 0, false, false);
        }
        if (mayCopyServerSide(platform, size) && copyServerSide(platform, bucket, key, targetKey, etag)) {
            afterPart.partRead(size, size);
            verifyServerSideCopy(bucket, key, targetKey, size, etag);
            abortUploadsTo(targetKey);
            return new Copied(targetKey, size, etag, 0, false, true);
        }
        return copyStreamed(source, bucket, key, targetKey, size, etag, afterPart);
    }

    /** The target is already a copy of this object: same size, and the source's ETag kept with it. */
    private boolean alreadyCopied(String targetKey, long size, String etag) {
        Optional<HeadObjectResponse> existing = headTarget(targetKey);
        return existing.isPresent() && existing.get().contentLength() == size
                && etag.equals(existing.get().metadata().get(SOURCE_ETAG));
    }

    /** One CopyObject can copy it, the platform's bucket is read with our key, and the server has not refused. */
    private boolean mayCopyServerSide(String platform, long size) {
        return size <= COPY_OBJECT_LIMIT && serverSideCopy.contains(platform) && !copyRefused.contains(platform);
    }

    /**
     * Streams the object into a multipart upload, resumed where an earlier attempt's parts stop, completes it and
     * checks the copy (its MD5 computed on the way when the copy starts from the first byte).
     */
    private Copied copyStreamed(S3Client source, String bucket, String key, String targetKey, long size, String etag,
                                PartListener afterPart) {
        Upload upload = resumeOrStart(targetKey, etag);
        long offset = upload.bytesDone();
        MessageDigest md5 = offset == 0 ? md5() : null;
        List<CompletedPart> parts = new ArrayList<>(upload.parts());
        parts.addAll(streamParts(source, bucket, key, targetKey, upload, size, md5, afterPart));
        transcripts.completeMultipartUpload(request -> request.bucket(transcriptsBucket()).key(targetKey)
                .uploadId(upload.uploadId()).multipartUpload(body -> body.parts(parts)));
        verify(bucket, key, targetKey, size, etag, md5);
        abortUploadsTo(targetKey);
        return new Copied(targetKey, size, etag, offset, false, false);
    }

    /**
     * Reads the object from where the upload stands, one part at a time, each part uploaded while the next is read;
     * returns the parts uploaded. Memory is a few part-sized buffers, whatever the object's size.
     */
    private List<CompletedPart> streamParts(S3Client source, String bucket, String key, String targetKey,
                                            Upload upload, long size, @Nullable MessageDigest md5,
                                            PartListener afterPart) {
        long offset = upload.bytesDone();
        List<CompletedPart> parts = new ArrayList<>();
        // the buffers are the copy's memory: one being filled, the others waiting for or in an upload
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PARTS_IN_FLIGHT + 1);
        for (int i = 0; i <= PARTS_IN_FLIGHT; i++) {
            free.add(new byte[(int) Math.min(partSize, size - offset)]);
        }
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        List<Future<CompletedPart>> uploading = new ArrayList<>();
        try (InputStream in = open(source, bucket, key, offset, size)) {
            long read = offset;
            int partNumber = upload.parts().size() + 1;
            while (read < size) {
                int want = (int) Math.min(partSize, size - read);
                byte[] buffer = takeFree(free, uploading);
                int got = in.readNBytes(buffer, 0, want);
                if (got < want) {
                    throw new StorageException(Reason.TRUNCATED, "object " + bucket + "/" + key + " ended after "
                            + (read + got) + " of " + size + " bytes");
                }
                if (md5 != null) {
                    md5.update(buffer, 0, got);
                }
                int number = partNumber++;
                uploading.add(uploader.submit(() -> {
                    try {
                        return uploadPart(targetKey, upload.uploadId(), number, buffer, got);
                    } finally {
                        free.add(buffer);
                    }
                }));
                read += got;
                afterPart.partRead(read, size);
            }
            for (Future<CompletedPart> part : uploading) {
                parts.add(part.get());
            }
        } catch (IOException | SdkException e) {
            throw new StorageException(Reason.TRUNCATED, "reading " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new StorageException(Reason.UNAVAILABLE, "uploading to the transcript storage failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(Reason.UNAVAILABLE, "interrupted while copying " + key, e);
        } finally {
            finish(uploader);
        }
        return parts;
    }

    /**
     * Has the server copy the object, with the source's ETag as metadata as a streamed copy has. False when the
     * server refuses: 403 (the credential writes our bucket but cannot read the provider's, say a bucket of
     * another account) or 501 (a server that cannot copy); that platform is then streamed from now on.
     */
    private boolean copyServerSide(String platform, String bucket, String key, String targetKey, String etag) {
        try {
            transcripts.copyObject(request -> request.sourceBucket(bucket).sourceKey(key)
                    .destinationBucket(transcriptsBucket()).destinationKey(targetKey)
                    .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of(SOURCE_ETAG, etag)));
            return true;
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 || e.statusCode() == 501 || "NotImplemented".equals(code)) {
                if (copyRefused.add(platform)) {
                    log.warn("the storage refused to copy {}/{} server-side ({}{}); {} recordings are streamed "
                            + "through the worker from now on", bucket, key, e.statusCode(), code == null ? "" : " " + code,
                            platform);
                }
                return false;
            }
            if (e.statusCode() == 404) {
                throw new StorageException(Reason.MISSING, "no object " + bucket + "/" + key, e);
            }
            throw e; // unavailable, as copy() says of every other failed request
        }
    }

    /** Streams an object of the transcript storage into a file. */
    public void download(String key, Path file) {
        download(List.of(key), file);
    }

    /**
     * Streams the first of {@code keys} that the transcript storage has into a file (a copy where it is kept now,
     * then where it was kept before); none there is {@link Reason#MISSING}.
     */
    public void download(List<String> keys, Path file) {
        for (String key : keys) {
            try {
                Files.deleteIfExists(file);
                transcripts.getObject(request -> request.bucket(transcriptsBucket()).key(key), ResponseTransformer.toFile(file));
                return;
            } catch (NoSuchKeyException e) {
                continue;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    continue;
                }
                throw new StorageException(Reason.UNAVAILABLE, "reading " + key + " from the transcript storage: "
                        + e.getMessage(), e);
            } catch (SdkException e) {
                throw new StorageException(Reason.UNAVAILABLE, "reading " + key + " from the transcript storage: "
                        + e.getMessage(), e);
            } catch (IOException e) {
                throw new StorageException(Reason.UNAVAILABLE, "writing " + file + ": " + e.getMessage(), e);
            }
        }
        throw new StorageException(Reason.MISSING, "no " + String.join(" or ", keys) + " in the transcript storage");
    }

    /**
     * A link that reads one object of the transcript storage without a credential until it expires (a signed GET),
     * for a service that fetches the audio itself. Signing happens here alone: it does not check that the object
     * exists.
     */
    public URI presignedGet(String key, Duration expiry) {
        try {
            return presigner.presignGetObject(request -> request.signatureDuration(expiry)
                    .getObjectRequest(get -> get.bucket(transcriptsBucket()).key(key))).url().toURI();
        } catch (SdkException | java.net.URISyntaxException e) {
            throw new StorageException(Reason.UNAVAILABLE, "signing a link to " + key + ": " + e.getMessage(), e);
        }
    }

    /** Stores a file in the transcript storage (streamed from disk). */
    public void upload(Path file, String key, String contentType) {
        put(key, contentType, RequestBody.fromFile(file));
    }

    /** Stores a small object in the transcript storage. */
    public void upload(byte[] content, String key, String contentType) {
        put(key, contentType, RequestBody.fromBytes(content));
    }

    private void put(String key, String contentType, RequestBody body) {
        try {
            transcripts.putObject(request -> request.bucket(transcriptsBucket()).key(key).contentType(contentType), body);
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "writing " + key + " to the transcript storage: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes a recording's object from the provider's bucket (consent refused): only keys that this worker may
     * read there, never anything else.
     */
    public void deleteFromSource(String platform, String bucket, String key) {
        refuseOutside(platform, bucket, key);
        try {
            sources.get(platform).deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "deleting " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes every object of the transcript storage in {@code folder} (taken to end with {@code /}, so that
     * {@code recordings/r1} never takes in {@code recordings/r10/...}; the whole bucket is never a folder); returns
     * the keys it deleted.
     */
    public List<String> deleteAllFromTranscripts(String folder) {
        String under = folder(folder);
        if (under.isEmpty() || under.equals("/")) {
            throw new IllegalArgumentException("refusing to delete the whole transcript storage");
        }
        try {
            return S3Folders.deleteUnder(transcripts, transcriptsBucket(), under);
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "deleting " + under + "*: " + e.getMessage(), e);
        }
    }

    /** Deletes objects from the transcript storage (consent refused, or a copy that failed its checksum). */
    public void deleteFromTranscripts(String targetKey) {
        try {
            transcripts.deleteObject(request -> request.bucket(transcriptsBucket()).key(targetKey));
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "deleting " + targetKey + " from the transcript storage: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The size of a file uploaded to a transcript, already in the transcript storage: only a key under
     * {@link #UPLOADS_FOLDER} of the transcript bucket is taken ({@link Reason#REFUSED} otherwise); none there is
     * {@link Reason#MISSING}.
     */
    public long uploadedSize(String bucket, String key) {
        boolean escapes = key.startsWith("/") || key.contains("//") || List.of(key.split("/")).contains("..");
        if (!bucket.equals(transcriptsBucket()) || escapes || !key.startsWith(UPLOADS_FOLDER)
                || key.length() == UPLOADS_FOLDER.length()) {
            throw new StorageException(Reason.REFUSED, "an upload must be under " + UPLOADS_FOLDER + " of the "
                    + "transcript storage, not " + bucket + "/" + key);
        }
        return headTarget(key).orElseThrow(() -> new StorageException(Reason.MISSING, "no upload " + key
                + " in the transcript storage")).contentLength();
    }

    /**
     * Streams objects of the transcript storage, one after the other, into a file (an upload's chunks joined in
     * their order); returns the bytes written. Memory holds one read buffer whatever the sizes.
     */
    public long concatenate(List<String> keys, Path file) {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (String key : keys) {
                try (InputStream in = transcripts.getObject(request -> request.bucket(transcriptsBucket()).key(key))) {
                    written += in.transferTo(out);
                } catch (NoSuchKeyException e) {
                    throw new StorageException(Reason.MISSING, "no " + key + " in the transcript storage", e);
                }
            }
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "reading from the transcript storage: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException(Reason.TRUNCATED, "joining " + keys.size() + " objects into " + file + ": "
                    + e.getMessage(), e);
        }
        return written;
    }

    /** Keys must name the configured bucket of that provider and start with its prefix; nothing else is read. */
    void refuseOutside(String platform, String bucket, String key) {
        Bucket allowed = properties.sources().get(platform);
        if (allowed == null || !allowed.configured() || !sources.containsKey(platform)) {
            throw new StorageException(Reason.REFUSED, "no recordings bucket is configured for " + platform);
        }
        if (!allowed.name().equals(bucket)) {
            throw new StorageException(Reason.REFUSED, "bucket " + bucket + " is not the " + platform + " recordings bucket");
        }
        String folder = allowed.keyFolder();
        boolean escapes = key.startsWith("/") || key.contains("//") || List.of(key.split("/")).contains("..");
        if (key.isEmpty() || escapes || !key.startsWith(folder) || key.length() == folder.length()) {
            throw new StorageException(Reason.REFUSED, "key " + key + " is outside the " + platform
                    + " recordings folder '" + folder + "'");
        }
    }

    /** A key prefix as a folder: ending with {@code /} unless empty (the whole bucket). */
    static String folder(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static HeadObjectResponse head(S3Client client, String bucket, String key) {
        try {
            return client.headObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new StorageException(Reason.MISSING, "no object " + bucket + "/" + key, e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new StorageException(Reason.MISSING, "no object " + bucket + "/" + key, e);
            }
            throw new StorageException(Reason.UNAVAILABLE, "reading " + bucket + "/" + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageException(Reason.UNAVAILABLE, "reading " + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    private Optional<HeadObjectResponse> headTarget(String targetKey) {
        try {
            return Optional.of(transcripts.headObject(request -> request.bucket(transcriptsBucket()).key(targetKey)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private InputStream open(S3Client client, String bucket, String key, long offset, long size) {
        if (offset >= size) {
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> stream = client.getObject(request -> request.bucket(bucket).key(key)
                .range(offset == 0 ? null : "bytes=" + offset + "-"));
        return stream;
    }

    /**
     * Aborts what earlier attempts left of uploads to a target that is now whole (a streamed copy interrupted, then
     * finished by the server or by a newer upload), so that their parts do not linger in the bucket.
     */
    private void abortUploadsTo(String targetKey) {
        try {
            for (MultipartUpload upload : transcripts.listMultipartUploads(request -> request.bucket(transcriptsBucket())
                    .prefix(targetKey)).uploads()) {
                if (upload.key().equals(targetKey)) {
                    transcripts.abortMultipartUpload(request -> request.bucket(transcriptsBucket()).key(targetKey)
                            .uploadId(upload.uploadId()));
                    log.info("aborted an earlier upload to {} ({}), the copy being whole", targetKey, upload.uploadId());
                }
            }
        } catch (SdkException e) {
            log.warn("earlier uploads to {} could not be aborted: {}", targetKey, e.getMessage());
        }
    }

    /** The multipart upload already under way for this target (after a crash), or a new one. */
    private Upload resumeOrStart(String targetKey, String etag) {
        List<MultipartUpload> underway = transcripts.listMultipartUploads(request -> request.bucket(transcriptsBucket())
                        .prefix(targetKey)).uploads().stream()
                .filter(upload -> upload.key().equals(targetKey))
                .sorted(Comparator.comparing(MultipartUpload::initiated).reversed())
                .toList();
        for (MultipartUpload upload : underway) {
            List<Part> parts;
            try {
                parts = transcripts.listParts(request -> request.bucket(transcriptsBucket()).key(targetKey)
                        .uploadId(upload.uploadId())).parts();
            } catch (S3Exception e) {
                // a server that cannot list the parts of an upload (some S3-compatible stores): start afresh
                log.warn("cannot list the parts of the upload to {} ({}); copying from the start", targetKey,
                        e.statusCode());
                continue;
            }
            List<CompletedPart> done = new ArrayList<>();
            long bytes = 0;
            for (Part part : parts.stream().sorted(Comparator.comparing(Part::partNumber)).toList()) {
                if (part.partNumber() != done.size() + 1) {
                    break; // only the unbroken run of parts from the first counts
                }
                done.add(CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag()).build());
                bytes += part.size();
            }
            if (!done.isEmpty()) {
                log.info("resuming the copy to {} after {} part(s), {} bytes", targetKey, done.size(), bytes);
                return new Upload(upload.uploadId(), done, bytes);
            }
        }
        String uploadId = transcripts.createMultipartUpload(request -> request.bucket(transcriptsBucket())
                .key(targetKey).metadata(Map.of(SOURCE_ETAG, etag))).uploadId();
        return new Upload(uploadId, List.of(), 0);
    }

    private CompletedPart uploadPart(String targetKey, String uploadId, int number, byte[] buffer, int length) {
        MessageDigest partMd5 = md5();
        partMd5.update(buffer, 0, length);
        String contentMd5 = Base64.getEncoder().encodeToString(partMd5.digest());
        String etag = transcripts.uploadPart(request -> request.bucket(transcriptsBucket()).key(targetKey)
                        .uploadId(uploadId).partNumber(number).contentLength((long) length).contentMD5(contentMd5),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                        "application/octet-stream")).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** A free buffer; while none is, an upload is under way, and a failed one is reported rather than waited for. */
    private static byte[] takeFree(BlockingQueue<byte[]> free, List<Future<CompletedPart>> uploading)
            throws InterruptedException, ExecutionException {
        while (true) {
            byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
            if (buffer != null) {
                return buffer;
            }
            for (Future<CompletedPart> future : uploading) {
                if (future.isDone()) {
                    future.get();
                }
            }
        }
    }

    /** Lets the parts already handed over finish, so that an attempt that failed leaves as much as it can to resume. */
    private static void finish(ExecutorService uploader) {
        uploader.shutdown();
        try {
            if (!uploader.awaitTermination(60, TimeUnit.SECONDS)) {
                uploader.shutdownNow();
            }
        } catch (InterruptedException e) {
            uploader.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The copy's size, and its content against the source's MD5 ETag (single-part objects; a multipart ETag is
     * not a checksum of the content). A resumed copy is read back once to be checked whole.
     */
    private void verify(String bucket, String key, String targetKey, long size, String etag, @Nullable MessageDigest md5) {
        verifySize(bucket, key, targetKey, size);
        if (isMd5(etag)) {
            verifyMd5(bucket, key, targetKey, etag, md5 != null ? md5.digest() : md5Of(targetKey));
        }
    }

    /**
     * A server-side copy: its size, and its content against the source's MD5 ETag, which the server vouches for
     * when it gives the copy that same ETag; a copy with another ETag (an encrypting bucket, say) is read back.
     */
    private void verifyServerSideCopy(String bucket, String key, String targetKey, long size, String etag) {
        HeadObjectResponse copied = verifySize(bucket, key, targetKey, size);
        if (isMd5(etag) && !unquote(copied.eTag()).equalsIgnoreCase(etag)) {
            verifyMd5(bucket, key, targetKey, etag, md5Of(targetKey));
        }
    }

    private HeadObjectResponse verifySize(String bucket, String key, String targetKey, long size) {
        HeadObjectResponse copied = transcripts.headObject(request -> request.bucket(transcriptsBucket()).key(targetKey));
        if (copied.contentLength() != size) {
            deleteFromTranscripts(targetKey);
            throw new StorageException(Reason.TRUNCATED, "copy of " + bucket + "/" + key + " has "
                    + copied.contentLength() + " bytes, the object " + size);
        }
        return copied;
    }

    private void verifyMd5(String bucket, String key, String targetKey, String etag, byte[] md5) {
        String actual = HexFormat.of().formatHex(md5);
        if (!actual.equalsIgnoreCase(etag)) {
            deleteFromTranscripts(targetKey);
            throw new StorageException(Reason.CHECKSUM, "copy of " + bucket + "/" + key + " has MD5 " + actual
                    + ", the object " + etag);
        }
    }

    private static boolean isMd5(String etag) {
        return etag.matches("[0-9a-fA-F]{32}");
    }

    private byte[] md5Of(String targetKey) {
        MessageDigest md5 = md5();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = transcripts.getObject(request -> request.bucket(transcriptsBucket()).key(targetKey))) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new StorageException(Reason.UNAVAILABLE, "reading the copy " + targetKey + " back to check it: "
                    + e.getMessage(), e);
        }
        return md5.digest();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unquote(@Nullable String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    @Override
    public void close() {
        transcripts.close();
        presigner.close();
        sources.values().forEach(S3Client::close);
    }

    /** Told after each part is read; a test uses it to stop a copy half-way, as a crash would. */
    @FunctionalInterface
    public interface PartListener {
        PartListener NONE = (read, size) -> {
        };

        void partRead(long bytesRead, long size);
    }

    /**
     * The copy: where it is, how large, the source's ETag, where it resumed, whether it was already there, and
     * whether the server copied it (no bytes through the worker) rather than the worker streaming it.
     */
    public record Copied(String targetKey, long size, String sourceEtag, long resumedAt, boolean alreadyThere,
                         boolean serverSide) {
    }

    private record Upload(String uploadId, List<CompletedPart> parts, long bytesDone) {
    }
}
