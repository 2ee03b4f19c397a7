package app.meetingbridge.gateway.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which web origins may call the API from a browser, as Reflector's {@code CORS_ORIGIN} (a comma list of origins
 * such as {@code https://reflector.example.com}, or {@code *} for any, the default) and
 * {@code CORS_ALLOW_CREDENTIALS} (default false; the frontend sends its token in a header, not a cookie, so it
 * needs no credentials). Any origin together with credentials would let every web site send requests with the
 * user's cookies and read the answers, so that pair is refused at start rather than honoured by echoing the origin.
 */
@ConfigurationProperties("app.cors")
public record CorsProperties(List<String> origins, boolean allowCredentials) {

    public CorsProperties {
        origins = origins == null ? List.of() : origins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        for (String origin : origins) {
            if (!origin.equals("*") && (origin.contains("*") || !origin.matches("https?://[^/\\s]+/?"))) {
                throw new IllegalStateException("CORS_ORIGIN lists origins (scheme://host[:port]) or is *, not "
                        + origin);
            }
        }
        if (allowCredentials && origins.contains("*")) {
            throw new IllegalStateException("CORS_ALLOW_CREDENTIALS=true needs CORS_ORIGIN to list the origins: "
                    + "with * any web site could make credentialed requests and read the answers");
        }
    }
}
