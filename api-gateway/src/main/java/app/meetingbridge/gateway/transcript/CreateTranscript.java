package app.meetingbridge.gateway.transcript;

import app.meetingbridge.gateway.web.InvalidRequestException;
import app.meetingbridge.gateway.web.InvalidRequestException.Problem;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reflector's {@code CreateTranscript}: a name (may be empty, as the frontend sends it when none was typed), the
 * spoken and the wanted language (codes such as {@code en}, {@code pt-BR} or {@code auto}) and, optionally, where it
 * comes from ({@code live} when not said).
 */
@Schema(name = "CreateTranscript")
record CreateTranscript(@Nullable String name, @Nullable String sourceLanguage, @Nullable String targetLanguage,
                        @Nullable String sourceKind) {

    static final int MAX_NAME_LENGTH = 1000;
    /** Language codes fit the transcript's columns (eight characters). */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?|auto");
    private static final Set<String> SOURCE_KINDS = Set.of("room", "live", "file");

    /** The source kind to store. */
    String sourceKindOrLive() {
        return sourceKind == null ? "live" : sourceKind;
    }

    /** Throws 422 with every problem of the request at once. */
    void validate() {
        List<Problem> problems = new ArrayList<>();
        if (name == null) {
            problems.add(missing("name"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new Problem(List.of("body", "name"), "String should have at most " + MAX_NAME_LENGTH
                    + " characters", "string_too_long"));
        }
        language("source_language", sourceLanguage, problems);
        language("target_language", targetLanguage, problems);
        if (sourceKind != null && !SOURCE_KINDS.contains(sourceKind)) {
            problems.add(new Problem(List.of("body", "source_kind"), "Input should be 'room', 'live' or 'file'",
                    "enum"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static void language(String field, @Nullable String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(missing(field));
        } else if (!LANGUAGE.matcher(value).matches()) {
            problems.add(new Problem(List.of("body", field), "Input should be a language code such as 'en' or "
                    + "'pt-BR'", "string_pattern_mismatch"));
        }
    }

    private static Problem missing(String field) {
        return new Problem(List.of("body", field), "Field required", "missing");
    }
}
