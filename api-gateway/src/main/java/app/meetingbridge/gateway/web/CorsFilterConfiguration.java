package app.meetingbridge.gateway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for the browser frontend, by Spring's {@link CorsFilter} ahead of every other filter: a preflight is
 * answered before the body size limit or a controller sees it, and every answer (401, 413, 429 included) carries
 * the headers that let the frontend read it. Requests from an origin not allowed are refused with 403.
 */
@Configuration(proxyBeanMethods = false)
class CorsFilterConfiguration {

    static final List<String> METHODS = List.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS");
    static final List<String> HEADERS = List.of(HttpHeaders.AUTHORIZATION, "X-API-Key", HttpHeaders.CONTENT_TYPE);

    @Bean
    FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.origins());
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(HEADERS);
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
