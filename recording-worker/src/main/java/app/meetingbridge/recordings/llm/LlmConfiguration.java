package app.meetingbridge.recordings.llm;

import app.meetingbridge.llm.PostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The post-processor, when {@code LLM_URL} names a model; without it the pipeline skips the step (and says so once). */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.llm.url:}'.trim() != ''")
    PostProcessor postProcessor(LlmProperties properties) {
        return new PostProcessor(properties.settings());
    }
}
