package app.meetingbridge.gateway.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.TransactionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every failure becomes a clear 4xx or a 503, in Reflector's error shape; nothing leaks as a bare 500. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        var response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(Map.of("detail", e.getMessage()));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequestException e) {
        return ResponseEntity.unprocessableContent().body(Map.of("detail", e.problems()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LimitedBodyRequest.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("detail", tooLarge.getMessage()));
            }
        }
        String reason = e.getMostSpecificCause().getMessage();
        String firstLine = reason == null ? "unreadable body" : reason.lines().findFirst().orElse(reason);
        return invalid(InvalidRequestException.of(List.of("body"), "Request body is not valid JSON: " + firstLine,
                "json_invalid"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return invalid(InvalidRequestException.of(List.of("query", e.getName()),
                "Input should be a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase()),
                "type_error"));
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            TransactionException.class})
    ResponseEntity<Map<String, Object>> databaseUnavailable(RuntimeException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return refused(ApiException.unavailable("Database unavailable, please try again",
                java.time.Duration.ofSeconds(5)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (e instanceof ErrorResponse error) {
            String detail = error.getBody().getDetail();
            HttpStatus status = HttpStatus.resolve(error.getStatusCode().value());
            return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders())
                    .body(Map.of("detail", detail != null ? detail : status != null ? status.getReasonPhrase() : "Error"));
        }
        String errorId = ApiException.newErrorId();
        log.error("error {}: unexpected failure", errorId, e);
        return ResponseEntity.internalServerError()
                .body(Map.of("detail", "Internal server error (error id " + errorId + ")"));
    }
}
