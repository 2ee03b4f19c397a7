package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.transcript.TranscriptChanges.Value;
import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.gateway.web.InvalidRequestException.Problem;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.TranscriptJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the bodies of the transcript edits (Reflector's {@code UpdateTranscript}, {@code CreateParticipant},
 * {@code UpdateParticipant}, {@code SpeakerAssignment}, {@code SpeakerMerge}), checking their types and reporting
 * every broken rule at once in FastAPI's 422 shape. A field absent from an update leaves its value; an explicit
 * null clears a field that may be empty and is refused for the others. Unknown fields are ignored.
 */
final class EditRequests {

    static final Set<String> SHARE_MODES = Set.of("public", "semi-private", "private");

    private final JsonNode body;
    private final List<Problem> problems = new ArrayList<>();

    private EditRequests(JsonNode body) {
        if (!body.isObject()) {
            throw InvalidRequestException.of(List.of("body"), "Input should be a valid dictionary or object to "
                    + "extract fields from", "model_attributes_type");
        }
        this.body = body;
    }

    /** {@code UpdateTranscript}. */
    static TranscriptChanges update(JsonNode body) {
        EditRequests fields = new EditRequests(body);
        String shareMode = fields.text("share_mode", false);
        if (shareMode != null && !SHARE_MODES.contains(shareMode)) {
            fields.problem(List.of("share_mode"), "Input should be 'public', 'semi-private' or 'private'",
                    "literal_error");
        }
        TranscriptChanges changes = new TranscriptChanges(fields.text("name", false), fields.bool("locked"),
                fields.clearable("title"), fields.clearable("short_summary"), fields.clearable("long_summary"),
                shareMode, fields.participants(), fields.bool("reviewed"), fields.bool("audio_deleted"));
        fields.failIfAny();
        return changes;
    }

    /** {@code CreateParticipant}: a name, and a speaker number or none. */
    static NewParticipant newParticipant(JsonNode body) {
        EditRequests fields = new EditRequests(body);
        fields.require("name");
        NewParticipant participant = new NewParticipant(fields.integer("speaker", true, false),
                fields.text("name", false));
        fields.failIfAny();
        return participant;
    }

    /** {@code UpdateParticipant}: a new name, a new speaker number (or none), or both. */
    static ParticipantChanges participantChanges(JsonNode body) {
        EditRequests fields = new EditRequests(body);
        Value<Integer> speaker = body.has("speaker") ? new Value<>(fields.integer("speaker", true, false)) : null;
        ParticipantChanges changes = new ParticipantChanges(speaker, fields.text("name", false));
        fields.failIfAny();
        return changes;
    }

    /** {@code SpeakerAssignment}: a time range, and a speaker number or a participant. */
    static Assignment assignment(JsonNode body) {
        EditRequests fields = new EditRequests(body);
        fields.require("timestamp_from");
        fields.require("timestamp_to");
        Integer speaker = fields.integer("speaker", true, true);
        String participant = fields.text("participant", true);
        Double from = fields.number("timestamp_from");
        Double to = fields.number("timestamp_to");
        if (from != null && to != null && from > to) {
            fields.problem(List.of("timestamp_to"), "timestamp_to should not be before timestamp_from",
                    "value_error");
        }
        fields.failIfAny();
        return new Assignment(speaker, participant, from, to);
    }

    /** {@code SpeakerMerge}: two speaker numbers. */
    static Merge merge(JsonNode body) {
        EditRequests fields = new EditRequests(body);
        fields.require("speaker_from");
        fields.require("speaker_to");
        Integer from = fields.integer("speaker_from", false, false);
        Integer to = fields.integer("speaker_to", false, false);
        fields.failIfAny();
        return new Merge(from, to);
    }

    record NewParticipant(@Nullable Integer speaker, String name) {
    }

    /** Null is "not named"; a speaker {@link Value} holding null takes the participant's number away. */
    record ParticipantChanges(@Nullable Value<Integer> speaker, @Nullable String name) {
    }

    record Assignment(@Nullable Integer speaker, @Nullable String participant, double from, double to) {
    }

    record Merge(int from, int to) {
    }

    private void require(String field) {
        if (!body.has(field)) {
            problem(List.of(field), "Field required", "missing");
        }
    }

    private @Nullable Boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(List.of(field), "Input should be a valid boolean", "bool_type");
            return null;
        }
        return value.booleanValue();
    }

    /** The string; null when absent, or when null is allowed and given. */
    private @Nullable String text(String field, boolean nullable) {
        JsonNode value = body.get(field);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isString()) {
            problem(List.of(field), "Input should be a valid string", "string_type");
            return null;
        }
        return value.stringValue();
    }

    private @Nullable Value<String> clearable(String field) {
        if (!body.has(field)) {
            return null;
        }
        return new Value<>(text(field, true));
    }

    private @Nullable Integer integer(String field, boolean nullable, boolean notNegative) {
        JsonNode value = body.get(field);
        if (value == null || (nullable && value.isNull())) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(List.of(field), "Input should be a valid integer", "int_type");
            return null;
        }
        if (notNegative && value.intValue() < 0) {
            problem(List.of(field), "Input should be greater than or equal to 0", "greater_than_equal");
            return null;
        }
        return value.intValue();
    }

    private @Nullable Double number(String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            problem(List.of(field), "Input should be a valid number", "float_type");
            return null;
        }
        return value.doubleValue();
    }

    /**
     * {@code participants}: the whole list, each {@code {id?, speaker, name, user_id?}} ({@code speaker} may be
     * null but must be given, as Reflector's model has it; a missing id gets a new one). Null when absent.
     */
    private @Nullable String participants() {
        JsonNode value = body.get("participants");
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problem(List.of("participants"), "Input should be a valid list", "list_type");
            return null;
        }
        List<Participant> participants = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            List<String> at = List.of("participants", String.valueOf(i));
            if (!item.isObject()) {
                problem(at, "Input should be a valid dictionary or object to extract fields from",
                        "model_attributes_type");
                continue;
            }
            EditRequests fields = new EditRequests(item);
            fields.require("speaker");
            fields.require("name");
            String id = fields.text("id", false);
            Participant participant = new Participant(id == null ? UUID.randomUUID().toString() : id,
                    fields.integer("speaker", true, false), fields.text("name", false),
                    fields.text("user_id", true));
            for (Problem problem : fields.problems) {
                List<String> loc = new ArrayList<>(at);
                loc.addAll(problem.loc().subList(1, problem.loc().size()));
                problem(loc, problem.msg(), problem.type());
            }
            participants.add(participant);
        }
        return TranscriptJson.participantsJson(participants);
    }

    private void problem(List<String> field, String msg, String type) {
        List<String> loc = new ArrayList<>();
        loc.add("body");
        loc.addAll(field);
        problems.add(new Problem(loc, msg, type));
    }

    private void failIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
