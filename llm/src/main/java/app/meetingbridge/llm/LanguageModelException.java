package app.meetingbridge.llm;

/** A post-processing step could not get its answer from the language model. */
public abstract sealed class LanguageModelException extends RuntimeException
        permits LanguageModelUnavailable, MalformedAnswer, LanguageModelRefused {

    LanguageModelException(String message, Throwable cause) {
        super(message, cause);
    }

    LanguageModelException(String message) {
        super(message);
    }
}
