package app.meetingbridge.gateway.live;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.transcript.TranscriptEvent;
import app.meetingbridge.gateway.auth.CallerResolver;
import app.meetingbridge.gateway.transcript.TranscriptAccess;
import app.meetingbridge.gateway.web.CorsProperties;
import app.meetingbridge.messaging.WireFormat;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The live sockets and what feeds them. Each gateway instance declares its own queue for {@code transcript.event}
 * (named by the client, exclusive, deleted with its connection, declared again after a broker restart or a lost
 * connection), so every instance gets every event and passes it to its own sockets. Sockets accept the origins
 * {@code CORS_ORIGIN} allows (requests without an {@code Origin}, from programs, are not browsers and pass), take
 * at most 8 KB from a client in one message (nothing they send is used), and are documented as Reflector documents
 * them: two GET operations at their paths.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LiveConfiguration.class);
    static final String TRANSCRIPT_EVENTS = "/v1/transcripts/{transcript_id}/events";
    static final String USER_EVENTS = "/v1/events";
    private static final int MAX_INCOMING = 8 * 1024;

    private final LiveHub hub;
    private final CallerResolver callers;
    private final TranscriptAccess transcripts;
    private final CorsProperties cors;

    LiveConfiguration(LiveHub hub, CallerResolver callers, TranscriptAccess transcripts, CorsProperties cors) {
        this.hub = hub;
        this.callers = callers;
        this.transcripts = transcripts;
        this.cors = cors;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols(LiveHandshake.SUBPROTOCOL);
        String[] origins = cors.origins().toArray(String[]::new);
        LiveSocketHandler handler = new LiveSocketHandler(hub);
        registry.addHandler(handler, "/v1/transcripts/*/events")
                .setHandshakeHandler(handshake)
                .addInterceptors(LiveHandshake.forTranscripts(callers, transcripts))
                .setAllowedOrigins(origins);
        registry.addHandler(handler, USER_EVENTS)
                .setHandshakeHandler(handshake)
                .addInterceptors(LiveHandshake.forUsers(callers))
                .setAllowedOrigins(origins);
    }

    @Bean
    ServletServerContainerFactoryBean liveSocketContainer(LiveProperties properties) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_INCOMING);
        container.setMaxBinaryMessageBufferSize(MAX_INCOMING);
        container.setAsyncSendTimeout(properties.sendTimeout().toMillis());
        return container;
    }

    @Bean
    AnonymousQueue liveEventsQueue() {
        AnonymousQueue queue = new AnonymousQueue(new Base64UrlNamingStrategy("gateway.transcript-events."));
        queue.setLeaderLocator(null); // a classic queue of RabbitMQ 4 refuses the leader-locator argument
        return queue;
    }

    @Bean
    Declarables liveEventsBinding(AnonymousQueue liveEventsQueue) {
        TopicExchange transcripts = new TopicExchange(Topology.TRANSCRIPTS_EXCHANGE, true, false);
        return new Declarables(liveEventsQueue,
                BindingBuilder.bind(liveEventsQueue).to(transcripts).with(Topology.TRANSCRIPT_EVENT));
    }

    /** One consumer, so events reach the sockets in the order they were sent; handing them over never blocks. */
    @Bean
    SimpleMessageListenerContainer liveEventsListener(ConnectionFactory connections, AmqpAdmin admin,
                                                      AnonymousQueue liveEventsQueue) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueues(liveEventsQueue);
        container.setAmqpAdmin(admin);
        container.setMissingQueuesFatal(false);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(250);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMessageListener(message -> {
            TranscriptEvent event;
            try {
                event = WireFormat.json().readValue(message.getBody(), TranscriptEvent.class);
            } catch (RuntimeException unreadable) {
                log.warn("transcript.event not readable, dropped: {}", unreadable.toString());
                return;
            }
            hub.dispatch(event);
        });
        return container;
    }

    /** The two sockets, as Reflector's document lists them (GET operations at their paths). */
    @Bean
    OpenApiCustomizer liveSocketsDocumented() {
        return api -> {
            api.path(TRANSCRIPT_EVENTS, new PathItem().get(socket("v1_transcript_get_websocket_events",
                    "Transcript WebSocket events",
                    "A websocket: the transcript's stored events, then its live ones (TranscriptWs* messages). "
                            + "Send the token as the subprotocols bearer, <token>.")
                    .addParametersItem(new PathParameter().name("transcript_id").required(true)
                            .schema(new StringSchema()))));
            api.path(USER_EVENTS, new PathItem().get(socket("v1_user_get_websocket_events",
                    "User WebSocket events",
                    "A websocket for signed-in users: their transcripts' status, title and duration as they "
                            + "change, and transcripts created or deleted (UserWs* messages).")));
        };
    }

    private static Operation socket(String operationId, String summary, String description) {
        return new Operation().operationId(operationId).summary(summary).description(description)
                .tags(List.of("live"))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("Switching to "
                        + "the websocket protocol; refused before that with 401, 403 or 404 and {\"detail\"}")));
    }
}
