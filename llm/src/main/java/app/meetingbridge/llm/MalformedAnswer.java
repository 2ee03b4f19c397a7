package app.meetingbridge.llm;

/**
 * The language model answered, but never with what was asked, after the allowed retries: not JSON, not the
 * requested shape, required text empty, or cut short. The message says what was wrong with the last answer.
 */
public final class MalformedAnswer extends LanguageModelException {

    MalformedAnswer(String message) {
        super(message);
    }
}
