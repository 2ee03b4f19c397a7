package app.meetingbridge.gateway.transcript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A transcript's words as the frontend reads them: segments (a speaker's consecutive words), and the whole
 * transcript as text, timestamped text, WebVTT with speaker names, or JSON segments (Reflector's formats).
 * Speaker names are whatever participants called themselves, so in the line formats a name (and a segment's
 * text) stays on its line, and in WebVTT it can neither close its voice tag, open markup nor start a cue.
 */
final class TranscriptText {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\R");

    /** Consecutive words of one speaker. */
    record Segment(int speaker, String text, double start, double end) {
    }

    private final List<Segment> segments;
    private final Map<Integer, String> names;

    private TranscriptText(List<Segment> segments, Map<Integer, String> names) {
        this.segments = segments;
        this.names = names;
    }

    static TranscriptText of(JsonNode topics, JsonNode participants) {
        Map<Integer, String> names = new HashMap<>();
        for (JsonNode participant : participants) {
            if (participant.hasNonNull("speaker") && participant.hasNonNull("name")) {
                names.put(participant.get("speaker").intValue(), participant.get("name").stringValue());
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (JsonNode topic : topics) {
            segments.addAll(segments(topic.path("words")));
        }
        return new TranscriptText(segments, names);
    }

    static List<Segment> segments(JsonNode words) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int speaker = -1;
        double start = 0;
        double end = 0;
        for (JsonNode word : words) {
            int said = word.path("speaker").asInt(0);
            if (said != speaker && !text.isEmpty()) {
                segments.add(new Segment(speaker, text.toString(), start, end));
                text.setLength(0);
            }
            if (text.isEmpty()) {
                speaker = said;
                start = word.path("start").asDouble(0);
            }
            text.append(text.isEmpty() ? "" : " ").append(word.path("text").asString("").trim());
            end = word.path("end").asDouble(0);
        }
        if (!text.isEmpty()) {
            segments.add(new Segment(speaker, text.toString(), start, end));
        }
        return segments;
    }

    String name(int speaker) {
        return names.getOrDefault(speaker, "Speaker " + speaker);
    }

    /** {@code Name: text}, one line per segment. */
    String text() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append(oneLine(name(segment.speaker()))).append(": ").append(oneLine(segment.text())).append('\n');
        }
        return out.toString().strip();
    }

    /** {@code [MM:SS] Name: text}, one line per segment. */
    String timestamped() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            long seconds = (long) segment.start();
            out.append(String.format(Locale.ROOT, "[%02d:%02d] ", seconds / 60, seconds % 60))
                    .append(oneLine(name(segment.speaker()))).append(": ").append(oneLine(segment.text())).append('\n');
        }
        return out.toString().strip();
    }

    /** WebVTT with a voice tag naming each segment's speaker. */
    String webvttNamed() {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (Segment segment : segments) {
            out.append('\n').append(time(segment.start())).append(" --> ").append(time(segment.end())).append('\n')
                    .append("<v ").append(webvtt(name(segment.speaker()))).append('>').append(webvtt(segment.text()))
                    .append('\n');
        }
        return out.toString();
    }

    /** {@code [{speaker, speaker_name, text, start, end}]}. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Segment segment : segments) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("speaker", segment.speaker());
            json.put("speaker_name", name(segment.speaker()));
            json.put("text", segment.text());
            json.put("start", segment.start());
            json.put("end", segment.end());
            out.add(json);
        }
        return out;
    }

    /** The text on one line: each line break (CR, LF, CRLF, U+2028, …) becomes a space. */
    static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    /**
     * The text as WebVTT cue text or voice annotation: on one line (a blank line would end the cue, and a line
     * with {@code -->} start another) with {@code &}, {@code <} and {@code >} escaped, so that it cannot close the
     * voice tag or open one of its own.
     */
    static String webvtt(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String time(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
