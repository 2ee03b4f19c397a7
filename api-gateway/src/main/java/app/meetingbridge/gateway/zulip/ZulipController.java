package app.meetingbridge.gateway.zulip;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.gateway.web.InvalidRequestException.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reflector's Zulip endpoints: the realm's streams, a stream's topics, and posting a transcript to a stream's topic
 * (query parameters {@code stream}, {@code topic}, {@code include_topics}; answers {@code null} as Reflector does).
 * Parameters are checked as Reflector's framework does (422 with the problems); a stream or topic longer than
 * Zulip allows (60 characters) is refused here.
 */
@RestController
class ZulipController {

    /** Zulip's longest stream and topic names. */
    static final int MAX_NAME = 60;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

    private final ZulipService zulip;

    ZulipController(ZulipService zulip) {
        this.zulip = zulip;
    }

    @Operation(operationId = "v1_zulip_get_streams",
            responses = @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
                    schema = @Schema(implementation = ZulipSchemas.Stream.class)))))
    @GetMapping("/v1/zulip/streams")
    List<ZulipSchemas.Stream> streams(Caller caller) {
        return zulip.streams(caller).stream().map(s -> new ZulipSchemas.Stream(s.streamId(), s.name())).toList();
    }

    @Operation(operationId = "v1_zulip_get_topics",
            responses = @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(
                    schema = @Schema(implementation = ZulipSchemas.Topic.class)))))
    @GetMapping("/v1/zulip/streams/{stream_id}/topics")
    List<ZulipSchemas.Topic> topics(Caller caller, @Parameter(schema = @Schema(type = "integer"))
                                    @PathVariable("stream_id") String streamId) {
        long id;
        try {
            id = Long.parseLong(streamId);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.of(List.of("path", "stream_id"),
                    "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        }
        return zulip.topics(caller, id).stream().map(ZulipSchemas.Topic::new).toList();
    }

    @Operation(operationId = "v1_transcript_post_to_zulip")
    @PostMapping("/v1/transcripts/{transcript_id}/zulip")
    ResponseEntity<String> post(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                @Parameter(required = true) @RequestParam(required = false) @Nullable String stream,
                                @Parameter(required = true) @RequestParam(required = false) @Nullable String topic,
                                @Parameter(required = true, schema = @Schema(type = "boolean"))
                                @RequestParam(name = "include_topics", required = false) @Nullable String includeTopics) {
        if (caller.isAnonymous()) { // refused before the parameters are looked at, as Reflector does
            throw ApiException.notAuthenticated();
        }
        List<Problem> problems = new ArrayList<>();
        name("stream", stream, problems);
        name("topic", topic, problems);
        Boolean include = bool(includeTopics, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        zulip.post(caller, transcriptId, stream, topic, include);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("null");
    }

    private static void name(String field, @Nullable String value, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(List.of("query", field), "Field required", "missing"));
        } else if (value.length() > MAX_NAME) {
            problems.add(new Problem(List.of("query", field), "String should have at most " + MAX_NAME
                    + " characters", "string_too_long"));
        }
    }

    private static @Nullable Boolean bool(@Nullable String value, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(List.of("query", "include_topics"), "Field required", "missing"));
            return null;
        }
        String word = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return true;
        }
        if (FALSE.contains(word)) {
            return false;
        }
        problems.add(new Problem(List.of("query", "include_topics"),
                "Input should be a valid boolean, unable to interpret input", "bool_parsing"));
        return null;
    }
}
