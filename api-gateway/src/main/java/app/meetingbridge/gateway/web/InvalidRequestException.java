package app.meetingbridge.gateway.web;

import java.util.List;

/**
 * Request input that breaks a rule, answered 422 with one entry per problem, in FastAPI's validation shape
 * (which Reflector's frontend reads): {@code {"detail": [{"loc": ["body", "name"], "msg": "...", "type": "..."}]}}.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidRequestException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid request" : problems.get(0).msg());
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(List<String> loc, String msg, String type) {
        return new InvalidRequestException(List.of(new Problem(loc, msg, type)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public record Problem(List<String> loc, String msg, String type) {
    }
}
