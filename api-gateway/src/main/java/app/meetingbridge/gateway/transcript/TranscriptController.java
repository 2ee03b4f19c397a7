package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.auth.TokenInQuery;
import app.meetingbridge.gateway.transcript.TranscriptAudio.Mp3;
import app.meetingbridge.gateway.transcript.TranscriptAudio.RangeNotSatisfiable;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.gateway.web.Page;
import app.meetingbridge.messaging.WireFormat;
import app.meetingbridge.transcripts.Format;
import app.meetingbridge.transcripts.Participant;
import app.meetingbridge.transcripts.Rendering;
import app.meetingbridge.transcripts.TranscriptJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What the frontend shows of a transcript, with Reflector's paths and shapes: the caller's transcripts
 * (paginated, by room or meeting), one transcript with its text in one of four formats, its participants, its
 * topics with their words, its waveform and its mp3 (byte ranges, for seeking; {@code HEAD}; {@code ?token=} for
 * an {@code <audio>} element, which cannot send a header). Reading follows the share mode
 * ({@link Transcript#visibleTo}): 404 "Transcript not found", 403 "Transcript access denied".
 */
@RestController
@RequestMapping("/v1/transcripts")
class TranscriptController {

    private static final int MAX_PAGE_SIZE = 100;
    private static final Pattern SINGLE_RANGE = Pattern.compile("(?i)bytes=(?:(\\d+)-(\\d*)|-(\\d+))");

    private final TranscriptService transcripts;
    private final TranscriptAudio audio;

    TranscriptController(TranscriptService transcripts, TranscriptAudio audio) {
        this.transcripts = transcripts;
        this.audio = audio;
    }

    @Operation(operationId = "v1_transcripts_list",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = TranscriptSchemas.TranscriptPage.class))))
    @GetMapping
    Page<Map<String, Object>> list(Caller caller, @RequestParam(defaultValue = "1") int page,
                                   @RequestParam(defaultValue = "50") int size,
                                   @RequestParam(name = "room_id", required = false) @Nullable String roomId,
                                   @RequestParam(name = "meeting_id", required = false) @Nullable String meetingId,
                                   @RequestParam(name = "source_kind", required = false) @Nullable String sourceKind,
                                   @RequestParam(name = "search_term", required = false) @Nullable String searchTerm,
                                   @RequestParam(name = "change_seq_from", required = false) @Nullable Long changeSeqFrom,
                                   @RequestParam(name = "sort_by", required = false) @Nullable String sortBy) {
        if (caller.isAnonymous()) {
            throw ApiException.notAuthenticated();
        }
        Page.validate(page, size, MAX_PAGE_SIZE);
        TranscriptFilter filter = TranscriptFilter.of(roomId, meetingId, sourceKind, searchTerm, changeSeqFrom, sortBy);
        return transcripts.page(caller, page, size, filter).map(TranscriptController::minimal);
    }

    @Operation(operationId = "v1_transcript_get")
    @GetMapping("/{transcript_id}")
    Map<String, Object> get(Caller caller, @PathVariable("transcript_id") String transcriptId,
                            @RequestParam(name = "transcript_format", defaultValue = "text") String format) {
        if (Format.of(format).isEmpty()) {
            throw InvalidRequestException.of(List.of("query", "transcript_format"),
                    "Input should be 'text', 'text-timestamped', 'webvtt-named' or 'json'", "literal_error");
        }
        Transcript transcript = transcripts.readable(caller, transcriptId);
        Rendering text = Rendering.of(TranscriptJson.topics(transcript.topicsJson()),
                TranscriptJson.participants(transcript.participantsJson()));
        Map<String, Object> body = minimal(transcript);
        body.put("action_items", transcript.actionItemsJson() == null ? null
                : WireFormat.json().readTree(transcript.actionItemsJson()));
        body.put("participants", participants(transcript, true));
        body.put("transcript_format", format);
        body.put("transcript", text.in(Format.of(format).orElseThrow()));
        return body;
    }

    @Operation(operationId = "v1_transcript_get_participants",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(array = @ArraySchema(
                            schema = @Schema(implementation = TranscriptSchemas.Participant.class)))))
    @GetMapping("/{transcript_id}/participants")
    List<Map<String, Object>> participants(Caller caller, @PathVariable("transcript_id") String transcriptId) {
        return participants(transcripts.readable(caller, transcriptId), false);
    }

    @Operation(operationId = "v1_transcript_get_topics_with_words",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(array = @ArraySchema(
                            schema = @Schema(implementation = TranscriptSchemas.TopicWithWords.class)))))
    @GetMapping("/{transcript_id}/topics/with-words")
    List<TranscriptSchemas.TopicWithWords> topicsWithWords(Caller caller,
                                                           @PathVariable("transcript_id") String transcriptId) {
        Transcript transcript = transcripts.readable(caller, transcriptId);
        return TranscriptJson.topics(transcript.topicsJson()).stream().map(EditShapes::topicWithWords).toList();
    }

    @Operation(operationId = "v1_transcript_get_audio_waveform",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = TranscriptSchemas.AudioWaveform.class))))
    @GetMapping(value = "/{transcript_id}/audio/waveform", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> waveform(Caller caller, @PathVariable("transcript_id") String transcriptId) {
        Transcript transcript = withAudio(caller, transcriptId);
        byte[] waveform = audio.waveform(transcript.id()).orElseThrow(TranscriptController::audioNotFound);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(waveform);
    }

    /**
     * The mp3, whole (200) or the one byte range asked for (206 with {@code Content-Range}); 416 with
     * {@code Content-Range: bytes *}{@code /length} for a range past its end or one that ends before it starts.
     * A {@code Range} that is not one {@code bytes=} range (several ranges, another unit, no numbers) is ignored
     * and the whole file served, as RFC 9110 §14.2 allows.
     */
    @Operation(operationId = "v1_transcript_get_audio_mp3",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "audio/mpeg",
                    schema = @Schema(type = "string", format = "binary"))))
    @GetMapping("/{transcript_id}/audio/mp3")
    ResponseEntity<StreamingResponseBody> mp3(@TokenInQuery Caller caller,
                                              @PathVariable("transcript_id") String transcriptId,
                                              @RequestHeader(value = HttpHeaders.RANGE, required = false)
                                              @Nullable String range,
                                              @Parameter(description = "a JWT, for players that cannot send a "
                                                      + "header; verified as the Authorization header is")
                                              @RequestParam(name = "token", required = false) @Nullable String token) {
        Transcript transcript = withAudio(caller, transcriptId);
        Mp3 mp3;
        try {
            mp3 = audio.mp3(transcript.id(), s3Range(range)).orElseThrow(TranscriptController::audioNotFound);
        } catch (RangeNotSatisfiable e) {
            long length = audio.mp3Length(transcript.id()).orElseThrow(TranscriptController::audioNotFound);
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length).build();
        }
        InputStream content = mp3.content();
        StreamingResponseBody body = out -> {
            try (content) {
                content.transferTo(out);
            }
        };
        var response = ResponseEntity.status(mp3.contentRange() == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT)
                .contentType(MediaType.parseMediaType("audio/mpeg"))
                .contentLength(mp3.length())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (mp3.contentRange() != null) {
            response.header(HttpHeaders.CONTENT_RANGE, mp3.contentRange());
        }
        return response.body(body);
    }

    /**
     * The mp3's headers without the file: its length, type and that byte ranges are taken (a {@code Range} is not
     * looked at: ranges are for {@code GET}). Read as the {@code GET} is, {@code ?token=} included.
     */
    @Operation(operationId = "v1_transcript_head_audio_mp3",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "audio/mpeg",
                    schema = @Schema(type = "string", format = "binary"))))
    @RequestMapping(value = "/{transcript_id}/audio/mp3", method = RequestMethod.HEAD)
    ResponseEntity<Void> mp3Head(@TokenInQuery Caller caller, @PathVariable("transcript_id") String transcriptId,
                                 @Parameter(description = "a JWT, as for GET")
                                 @RequestParam(name = "token", required = false) @Nullable String token) {
        Transcript transcript = withAudio(caller, transcriptId);
        long length = audio.mp3Length(transcript.id()).orElseThrow(TranscriptController::audioNotFound);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/mpeg")).contentLength(length)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes").build();
    }

    /**
     * Makes the transcript again from its recording, continuing from where the recording's pipeline stands
     * (e.g. transcription once a backend is configured): {@code {"status": "ok"}}, or
     * {@code {"status": "already running"}}. Owner only; 400 for a locked transcript, one without a recording,
     * and one whose audio was deleted.
     */
    @Operation(operationId = "v1_transcript_process",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(schema = @Schema(implementation = TranscriptSchemas.ProcessStatus.class))))
    @PostMapping("/{transcript_id}/process")
    Map<String, String> process(Caller caller, @PathVariable("transcript_id") String transcriptId) {
        Transcript transcript = transcripts.readable(caller, transcriptId);
        if (!transcript.changeableBy(caller)) {
            throw ApiException.forbidden("Not authorized");
        }
        if (transcript.locked()) {
            throw ApiException.badRequest("Transcript is locked");
        }
        if (transcript.recordingId() == null) {
            throw ApiException.badRequest("Recording is not ready for processing");
        }
        if (transcript.audioDeleted()) {
            throw ApiException.badRequest("The recording's audio was deleted (consent refused)");
        }
        return Map.of("status", transcripts.reprocess(transcript) ? "ok" : "already running");
    }

    /**
     * The one byte range asked for, as S3 takes it, or null for the whole file (no {@code Range}, or one that is
     * not a single {@code bytes=} range). A range that ends before it starts, an empty suffix ({@code -0}) and a
     * start too large for a {@code long} are {@link RangeNotSatisfiable}; an end too large for a {@code long} is
     * past any file, so it is sent as "to the end", and such a suffix as the whole file (S3-compatible stores
     * differ on numbers near {@code Long.MAX_VALUE}).
     */
    static @Nullable String s3Range(@Nullable String range) {
        Matcher single = range == null ? null : SINGLE_RANGE.matcher(range.trim());
        if (single == null || !single.matches()) {
            return null;
        }
        if (single.group(3) != null) {
            Long suffix = asLong(single.group(3));
            if (suffix != null && suffix == 0) {
                throw new RangeNotSatisfiable();
            }
            return suffix == null ? null : "bytes=-" + suffix;
        }
        Long first = asLong(single.group(1));
        if (first == null) {
            throw new RangeNotSatisfiable();
        }
        Long last = single.group(2).isEmpty() ? null : asLong(single.group(2));
        if (last == null) {
            return "bytes=" + first + "-";
        }
        if (last < first) {
            throw new RangeNotSatisfiable();
        }
        return "bytes=" + first + "-" + last;
    }

    /** The number, or null when it is too large for a {@code long}. */
    private static @Nullable Long asLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private Transcript withAudio(Caller caller, String transcriptId) {
        Transcript transcript = transcripts.readable(caller, transcriptId);
        if (transcript.audioDeleted()) {
            throw audioNotFound();
        }
        if (!audio.configured()) {
            throw ApiException.unavailable("Audio storage is not configured", Duration.ofSeconds(60));
        }
        return transcript;
    }

    private static ApiException audioNotFound() {
        return ApiException.notFound("Audio not found");
    }

    private List<Map<String, Object>> participants(Transcript transcript, boolean withEmail) {
        List<Map<String, Object>> participants = new ArrayList<>();
        for (Participant participant : TranscriptJson.participants(transcript.participantsJson())) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", participant.id());
            out.put("speaker", participant.speaker());
            out.put("name", participant.name() == null ? "" : participant.name());
            out.put("user_id", participant.userId());
            if (withEmail) {
                out.put("email", null);
            }
            participants.add(out);
        }
        return participants;
    }

    /**
     * Reflector's {@code GetTranscriptMinimal}; {@code duration} in milliseconds, as its Daily path stores it;
     * {@code error_reason} (ours) says why a transcript is in {@code error} when we know.
     */
    static Map<String, Object> minimal(Transcript transcript) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", transcript.id());
        body.put("user_id", transcript.userId());
        body.put("name", transcript.name());
        body.put("status", transcript.status());
        body.put("locked", transcript.locked());
        body.put("duration", transcript.durationMs() == null ? 0.0 : transcript.durationMs().doubleValue());
        body.put("title", transcript.title());
        body.put("short_summary", transcript.shortSummary());
        body.put("long_summary", transcript.longSummary());
        body.put("created_at", transcript.createdAt().toString());
        body.put("share_mode", transcript.shareMode());
        body.put("source_language", transcript.sourceLanguage());
        body.put("target_language", transcript.targetLanguage());
        body.put("reviewed", transcript.reviewed());
        body.put("meeting_id", transcript.meetingId());
        body.put("source_kind", transcript.sourceKind());
        body.put("room_id", transcript.roomId());
        body.put("room_name", transcript.roomName());
        body.put("audio_deleted", transcript.audioDeleted());
        body.put("dag_status", null);
        body.put("change_seq", transcript.changeSeq());
        body.put("error_reason", transcript.errorReason());
        return body;
    }
}
