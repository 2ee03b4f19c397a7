package app.meetingbridge.gateway.live;

import app.meetingbridge.gateway.auth.Caller;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Both live sockets, admitted by {@link LiveHandshake}: a transcript's (it follows the transcript it names) and
 * {@code /v1/events} (the caller's list). What a browser sends is ignored, as Reflector's server ignores it.
 */
final class LiveSocketHandler implements WebSocketHandler {

    private final LiveHub hub;

    LiveSocketHandler(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String transcriptId = (String) session.getAttributes().get(LiveHandshake.TRANSCRIPT_ID);
        if (transcriptId != null) {
            hub.followTranscript(session, transcriptId);
        } else {
            hub.followUser(session, (Caller) session.getAttributes().get(LiveHandshake.CALLER));
        }
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        hub.leave(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        hub.leave(session);
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }
}
