package app.meetingbridge.gateway.live;

import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.auth.CallerResolver;
import app.meetingbridge.gateway.transcript.TranscriptAccess;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.messaging.WireFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Who may open a live socket, decided before the upgrade. A browser cannot set headers on a websocket, so
 * Reflector's frontend offers the subprotocols {@code bearer, <token>}: the token is taken from there (the server
 * answers with the subprotocol {@code bearer}) and checked by the same code as an {@code Authorization} header; a
 * client that can send headers may send {@code Authorization} or {@code X-API-Key} instead. A transcript's socket is
 * for whoever may read the transcript (401 bad token, 403 "Transcript access denied", 404 "Transcript not found");
 * {@code /v1/events} for signed-in callers only: every refusal there is 403, as Reflector's server refuses it.
 * Refusals are HTTP answers with Reflector's {@code {"detail": ...}}, before any upgrade.
 */
final class LiveHandshake implements HandshakeInterceptor {

    static final String CALLER = "live.caller";
    static final String TRANSCRIPT_ID = "live.transcript";
    static final String SUBPROTOCOL = "bearer";
    private static final String TRANSCRIPTS = "/v1/transcripts/";
    private static final String EVENTS = "/events";

    private final CallerResolver callers;
    private final @Nullable TranscriptAccess transcripts;

    private LiveHandshake(CallerResolver callers, @Nullable TranscriptAccess transcripts) {
        this.callers = callers;
        this.transcripts = transcripts;
    }

    /** For {@code /v1/transcripts/{transcript_id}/events}. */
    static LiveHandshake forTranscripts(CallerResolver callers, TranscriptAccess transcripts) {
        return new LiveHandshake(callers, transcripts);
    }

    /** For {@code /v1/events}. */
    static LiveHandshake forUsers(CallerResolver callers) {
        return new LiveHandshake(callers, null);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        try {
            Caller caller = callers.resolve(new SubprotocolBearer(servlet));
            if (transcripts == null) {
                if (caller.isAnonymous()) {
                    throw ApiException.forbidden("Not authenticated");
                }
            } else {
                String transcriptId = transcriptId(request.getURI().getPath());
                transcripts.checkReadable(caller, transcriptId);
                attributes.put(TRANSCRIPT_ID, transcriptId);
            }
            attributes.put(CALLER, caller);
            return true;
        } catch (ApiException refused) {
            HttpStatus status = transcripts == null && refused.status() == HttpStatus.UNAUTHORIZED
                    ? HttpStatus.FORBIDDEN : refused.status();
            response.setStatusCode(status);
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody().write(WireFormat.json().writeValueAsBytes(Map.of("detail", refused.getMessage())));
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               @Nullable Exception exception) {
    }

    private static String transcriptId(String path) {
        if (!path.startsWith(TRANSCRIPTS) || !path.endsWith(EVENTS)
                || path.length() <= TRANSCRIPTS.length() + EVENTS.length()) {
            throw ApiException.notFound("Transcript not found");
        }
        return path.substring(TRANSCRIPTS.length(), path.length() - EVENTS.length());
    }

    /** The offered subprotocols {@code bearer, <token>}, made the {@code Authorization} header they stand for. */
    static @Nullable String subprotocolToken(HttpServletRequest request) {
        List<String> offered = new ArrayList<>();
        for (Enumeration<String> values = request.getHeaders("Sec-WebSocket-Protocol");
             values != null && values.hasMoreElements(); ) {
            for (String part : values.nextElement().split(",")) {
                if (!part.isBlank()) {
                    offered.add(part.trim());
                }
            }
        }
        return offered.size() >= 2 && offered.get(0).equalsIgnoreCase(SUBPROTOCOL) ? offered.get(1) : null;
    }

    private static final class SubprotocolBearer extends HttpServletRequestWrapper {

        private final @Nullable String authorization;

        SubprotocolBearer(HttpServletRequest request) {
            super(request);
            String token = subprotocolToken(request);
            this.authorization = token == null ? null : "Bearer " + token;
        }

        @Override
        public @Nullable String getHeader(String name) {
            return authorization != null && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return authorization != null && HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(authorization)) : super.getHeaders(name);
        }
    }
}
