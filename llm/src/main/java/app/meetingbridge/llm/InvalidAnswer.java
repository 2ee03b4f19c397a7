package app.meetingbridge.llm;

/** What is wrong with one answer of the model: asked again, and told this, until the retries run out. */
final class InvalidAnswer extends RuntimeException {

    InvalidAnswer(String reason) {
        super(reason, null, false, false);
    }
}
