package app.meetingbridge.meetings.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** Builds a provider's HTTP client: base URL, bearer key, timeouts, and errors as {@link ProviderHttpException}. */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    public static <T> T client(Class<T> api, String provider, URI baseUrl, String apiKey, Duration timeout) {
        // HTTP/2 over TLS (ALPN) for the real APIs; plain HTTP/1.1 for http:// (fakes), where the JDK client's
        // h2c upgrade attempt would hold concurrent requests back until the first one has answered.
        HttpClient http = HttpClient.newBuilder()
                .version("https".equals(baseUrl.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        RestClient rest = RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .defaultStatusHandler(status -> status.isError(), (request, response) -> {
                    String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    throw new ProviderHttpException(provider, request.getMethod() + " " + request.getURI().getPath(),
                            response.getStatusCode().value(), body,
                            retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
                })
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(api);
    }

    /** {@code Retry-After} in seconds or as an HTTP date. */
    static @Nullable Duration retryAfter(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
