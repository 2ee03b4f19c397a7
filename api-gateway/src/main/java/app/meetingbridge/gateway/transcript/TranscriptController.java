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
import java.util.List;
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
 * an {@code <audio>} element, which cannot send a header), each answer a record of {@link TranscriptSchemas}. Reading follows the share mode
 * ({@link Transcript#visibleTo}): 404 "Transcript not found", 403 "Transcript access denied".
 */
@RestController
@RequestMapping("/v1/transcripts")
class TranscriptController {

    private static final int MAX_PAGE_SIZE = 100;

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
    Page<TranscriptSchemas.GetTranscriptMinimal> list(Caller caller, @RequestParam(defaultValue = "1") int page,
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
        return transcripts.page(caller, page, size, filter).map(TranscriptSchemas.GetTranscriptMinimal::of);
    }

    @Operation(operationId = "v1_transcript_get",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(type = "object"))))
    @GetMapping("/{transcript_id}")
    TranscriptSchemas.TranscriptWithText get(Caller caller, @PathVariable("transcript_id") String transcriptId,
                                             @RequestParam(name = "transcript_format", defaultValue = "text")
                                             String format) {
        Format asked = Format.of(format).orElseThrow(() -> InvalidRequestException.of(
                List.of("query", "transcript_format"),
                "Input should be 'text', 'text-timestamped', 'webvtt-named' or 'json'", "literal_error"));
        Transcript transcript = transcripts.readable(caller, transcriptId);
        Rendering text = Rendering.of(TranscriptJson.topics(transcript.topicsJson()),
                TranscriptJson.participants(transcript.participantsJson()));
        return new TranscriptSchemas.TranscriptWithText(TranscriptSchemas.GetTranscriptMinimal.of(transcript),
                transcript.actionItemsJson() == null ? null
                        : WireFormat.json().readTree(transcript.actionItemsJson()),
                TranscriptJson.participants(transcript.participantsJson()).stream()
                        .map(TranscriptSchemas.ParticipantWithEmail::of).toList(),
                format, text.in(asked));
    }

    @Operation(operationId = "v1_transcript_get_participants",
            responses = @ApiResponse(responseCode = "200",
                    content = @Content(array = @ArraySchema(
                            schema = @Schema(implementation = TranscriptSchemas.Participant.class)))))
    @GetMapping("/{transcript_id}/participants")
    List<TranscriptSchemas.Participant> participants(Caller caller,
                                                     @PathVariable("transcript_id") String transcriptId) {
        Transcript transcript = transcripts.readable(caller, transcriptId);
        return TranscriptJson.participants(transcript.participantsJson()).stream().map(EditShapes::participant)
                .toList();
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
            mp3 = audio.mp3(transcript.id(), ByteRange.forStorage(range)).orElseThrow(TranscriptController::audioNotFound);
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
    TranscriptSchemas.ProcessStatus process(Caller caller, @PathVariable("transcript_id") String transcriptId) {
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
        return new TranscriptSchemas.ProcessStatus(transcripts.reprocess(transcript) ? "ok" : "already running");
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
}
