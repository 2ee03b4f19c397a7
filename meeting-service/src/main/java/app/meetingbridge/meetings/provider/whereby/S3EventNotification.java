package app.meetingbridge.meetings.provider.whereby;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an S3 event notification as S3 puts it on an SQS queue, directly or wrapped in an SNS notification:
 * {@code {"Records":[{"eventName":"ObjectCreated:Put","eventTime":…,"s3":{"bucket":{"name":…},
 * "object":{"key":…,"size":…}}}]}}. Object keys arrive form-encoded ({@code "red flower.mp4"} as
 * {@code red+flower.mp4}, a plus as {@code %2B}) and are decoded as such. S3's test event and records of other
 * kinds (removals, restores) carry no new object.
 */
public final class S3EventNotification {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private S3EventNotification() {
    }

    /** The objects the notification says were created; empty for S3's test event and for other event kinds. */
    public static List<CreatedObject> createdObjects(String body) {
        JsonNode root = parse(body);
        if (root.path("Type").asString("").equals("Notification") && root.path("Message").isString()) {
            root = parse(root.path("Message").asString()); // S3 → SNS → SQS
        }
        if (root.path("Event").asString("").equals("s3:TestEvent")) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedNotification("no Records array");
        }
        List<CreatedObject> created = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("eventName").asString("").startsWith("ObjectCreated")) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asString("");
            String key = record.path("s3").path("object").path("key").asString("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw new MalformedNotification("an ObjectCreated record without s3.bucket.name or s3.object.key");
            }
            created.add(new CreatedObject(bucket, decodeKey(key), record.path("s3").path("object").path("size").asLong(-1),
                    eventTime(record.path("eventTime").asString(""))));
        }
        return created;
    }

    /** An S3 event's object key, decoded the way S3 encodes it (spaces as {@code +}). */
    static String decodeKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedNotification("object key " + encoded + " is not URL-encoded: " + e.getMessage());
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedNotification("not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedNotification("not JSON: " + e.getOriginalMessage());
        }
    }

    private static Instant eventTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedNotification("eventTime '" + text + "' is not an ISO 8601 instant");
        }
    }

    /** An object S3 says was created: its bucket, its key (decoded), its size (-1 when not given) and when. */
    public record CreatedObject(String bucket, String key, long size, Instant createdAt) {
    }

    /** A message that is not an S3 event notification. */
    public static final class MalformedNotification extends RuntimeException {
        MalformedNotification(String message) {
            super(message);
        }
    }
}
