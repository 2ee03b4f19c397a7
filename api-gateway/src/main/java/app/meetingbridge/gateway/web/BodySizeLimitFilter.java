package app.meetingbridge.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code app.http.max-body-size} ({@link HttpProperties}) with 413 before anything reads them. A body whose
 * length is not announced is refused when it claims more than the limit too (chunked bodies are counted by the
 * servlet container's own limit, {@code server.tomcat.max-swallow-size}). The chunks of an upload are held by the
 * multipart limits instead ({@code app.uploads.max-chunk-size}).
 */
@Component
class BodySizeLimitFilter extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("/v1/transcripts/[^/]+/record/upload");

    private final long maxBytes;

    BodySizeLimitFilter(HttpProperties properties) {
        this.maxBytes = properties.maxBodySize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return UPLOAD.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Connection", "close");
            response.getOutputStream().write(("{\"detail\":\"Request body larger than " + maxBytes + " bytes\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, maxBytes), response);
    }
}
