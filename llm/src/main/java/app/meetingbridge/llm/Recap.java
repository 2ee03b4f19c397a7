package app.meetingbridge.llm;

import java.util.Map;

/**
 * What a transcript comes to, as Reflector stores it: its title, a one-paragraph summary, a longer summary in
 * Markdown, and the action items as Reflector's JSON object: {@code {"decisions": [{decision, rationale,
 * decided_by, decided_by_participant_id}], "next_steps": [{task, assigned_to, assigned_to_participant_id,
 * deadline, context}]}}, every optional value present and null when unknown. A participant id is the speaker
 * number (as a string) the model matched to one of the names it was given.
 */
public record Recap(String title, String shortSummary, String longSummary, Map<String, Object> actionItems) {
}
