package app.meetingbridge.messaging;

import app.meetingbridge.events.WireNames;
import org.springframework.amqp.support.converter.DefaultJacksonJavaTypeMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages are JSON with camelCase fields and ISO-8601 times, typed by their wire name ({@code meeting.created})
 * in the {@code __TypeId__} header, never a Java class name; unknown fields are ignored (additive evolution).
 * One mapper of its own, so a service's REST conventions (snake_case) never reach the wire.
 */
public final class WireFormat {

    public static final String TYPE_HEADER = "__TypeId__";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireFormat() {
    }

    public static JsonMapper json() {
        return JSON;
    }

    public static MessageConverter messageConverter() {
        DefaultJacksonJavaTypeMapper typeMapper = new DefaultJacksonJavaTypeMapper();
        typeMapper.setIdClassMapping(WireNames.all());
        JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(JSON);
        converter.setJavaTypeMapper(typeMapper);
        return converter;
    }
}
