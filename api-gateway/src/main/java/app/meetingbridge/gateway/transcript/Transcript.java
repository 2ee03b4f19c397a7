package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A transcript row with its room's name; who may read it is decided here (Reflector's share modes). */
record Transcript(String id, @Nullable String recordingId, @Nullable String userId, String name, String status, boolean locked,
                  @Nullable Long durationMs, @Nullable String title, @Nullable String shortSummary,
                  @Nullable String longSummary, Instant createdAt, String shareMode, String sourceLanguage,
                  String targetLanguage, @Nullable String meetingId, String sourceKind, @Nullable String roomId,
                  @Nullable String roomName, boolean audioDeleted, String participantsJson, String topicsJson,
                  boolean reviewed, long changeSeq, @Nullable String errorReason, @Nullable String actionItemsJson) {

    /**
     * Its owner may read it; anyone else as its share mode says: {@code public} anyone, {@code semi-private} any
     * signed-in user, {@code private} nobody. A transcript without an owner follows its share mode alone (a
     * recording that matched no meeting is {@code private}: kept, and read by nobody until it is claimed).
     */
    boolean visibleTo(Caller caller) {
        if (userId != null && caller.owns(userId)) {
            return true;
        }
        return switch (shareMode) {
            case "public" -> true;
            case "semi-private" -> !caller.isAnonymous();
            default -> false;
        };
    }

    /** Changing it (reprocessing) is for its owner; a transcript without an owner, for a signed-in user who may read it. */
    boolean changeableBy(Caller caller) {
        return !caller.isAnonymous() && (userId == null ? visibleTo(caller) : caller.owns(userId));
    }
}
