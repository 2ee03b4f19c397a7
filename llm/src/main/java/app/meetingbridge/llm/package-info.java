/**
 * A transcript's post-processing by a language model, as Reflector does it, through any OpenAI-compatible
 * chat-completions server with structured outputs: {@link app.meetingbridge.llm.PostProcessor} turns words into
 * topics and topics into a {@link app.meetingbridge.llm.Recap} (title, summaries, action items), configured by
 * {@link app.meetingbridge.llm.LlmSettings}. A step that cannot get its answer throws a
 * {@link app.meetingbridge.llm.LanguageModelException}: {@link app.meetingbridge.llm.LanguageModelUnavailable}
 * (down, too slow, rate-limited beyond the retries, circuit open: try later),
 * {@link app.meetingbridge.llm.MalformedAnswer} (answers never of the asked shape) or
 * {@link app.meetingbridge.llm.LanguageModelRefused} (4xx: fix the settings or the server).
 */
@NullMarked
package app.meetingbridge.llm;

import org.jspecify.annotations.NullMarked;
