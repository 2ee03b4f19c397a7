package app.meetingbridge.gateway.web;

import app.meetingbridge.gateway.auth.Caller;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /openapi.json} says of our endpoints beyond what springdoc reads from their mappings: bodies in
 * snake_case as Jackson writes them, records described by {@link RecordSchemas}, generic pages named as Reflector
 * (pydantic) names them ({@code Page_RoomDetails_}), and no {@link Caller} parameter.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the caller comes from the request's credentials, it is no parameter of any operation
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    ModelResolver apiSchemaResolver() {
        var mapper = Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new RecordSchemas(mapper, new PydanticTypeNames()).openapi31(true);
    }

    /** {@code Page<RoomResponse>} is {@code Page_RoomDetails_}, as pydantic names {@code Page[RoomDetails]}. */
    static final class PydanticTypeNames extends TypeNameResolver {

        @Override
        protected String nameForGenericType(JavaType type, Set<Options> options) {
            String parameters = IntStream.range(0, type.containedTypeCount())
                    .mapToObj(i -> nameForType(type.containedType(i), options))
                    .collect(Collectors.joining("_"));
            return nameForClass(type, options) + "_" + parameters + "_";
        }
    }
}
