package app.meetingbridge.transcripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A whole transcript in the formats the frontend reads: text, timestamped text, WebVTT with speaker names, or
 * JSON segments, over the segments of every topic in order. Speaker names are whatever participants called
 * themselves, so in the line formats a name (and a segment's text) stays on its line, and in WebVTT it can
 * neither close its voice tag, open markup nor start a cue.
 */
public final class Rendering {

    private static final Pattern LINE_BREAKS = Pattern.compile("\\R");
    private static final String WEBVTT_HEADER = "WEBVTT\n";

    private final List<Segment> segments;
    private final Speakers speakers;

    private Rendering(List<Segment> segments, Speakers speakers) {
        this.segments = segments;
        this.speakers = speakers;
    }

    public static Rendering of(List<Topic> topics, List<Participant> participants) {
        List<Segment> segments = new ArrayList<>();
        for (Topic topic : topics) {
            segments.addAll(topic.segments());
        }
        return new Rendering(List.copyOf(segments), Speakers.of(participants));
    }

    public List<Segment> segments() {
        return segments;
    }

    public String name(int speaker) {
        return speakers.name(speaker);
    }

    /** The transcript in {@code format}: a string, or for {@link Format#JSON} a list of {@link NamedSegment}. */
    public Object in(Format format) {
        return switch (format) {
            case TEXT -> text();
            case TEXT_TIMESTAMPED -> timestamped();
            case WEBVTT_NAMED -> webvttNamed();
            case JSON -> json();
        };
    }

    /** {@code Name: text}, one line per segment. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append(oneLine(name(segment.speaker()))).append(": ").append(oneLine(segment.text())).append('\n');
        }
        return out.toString().strip();
    }

    /** {@code [MM:SS] Name: text}, one line per segment. */
    public String timestamped() {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            long seconds = (long) segment.start();
            out.append(String.format(Locale.ROOT, "[%02d:%02d] ", seconds / 60, seconds % 60))
                    .append(oneLine(name(segment.speaker()))).append(": ").append(oneLine(segment.text())).append('\n');
        }
        return out.toString().strip();
    }

    /** WebVTT with a voice tag naming each segment's speaker. */
    public String webvttNamed() {
        return webvtt(segments, speakers);
    }

    /** {@code [{speaker, speaker_name, text, start, end}]}, the name as it is. */
    public List<NamedSegment> json() {
        List<NamedSegment> out = new ArrayList<>();
        for (Segment segment : segments) {
            out.add(new NamedSegment(segment.speaker(), name(segment.speaker()), segment.text(), segment.start(),
                    segment.end()));
        }
        return out;
    }

    /** The segments as WebVTT cues (after the {@code WEBVTT} line), each with its speaker's name as voice. */
    public static String webvtt(List<Segment> segments, Speakers speakers) {
        StringBuilder out = new StringBuilder(WEBVTT_HEADER);
        for (Segment segment : segments) {
            out.append('\n').append(time(segment.start())).append(" --> ").append(time(segment.end())).append('\n')
                    .append("<v ").append(webvttText(speakers.name(segment.speaker()))).append('>')
                    .append(webvttText(segment.text())).append('\n');
        }
        return out.toString();
    }

    /** The cues of a WebVTT document made by {@link #webvtt}, without its {@code WEBVTT} line. */
    public static String cues(String webvtt) {
        return webvtt.startsWith(WEBVTT_HEADER) ? webvtt.substring(WEBVTT_HEADER.length()) : webvtt;
    }

    /** The text on one line: each line break (CR, LF, CRLF, U+2028, …) becomes a space. */
    public static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    /**
     * The text as WebVTT cue text or voice annotation: on one line (a blank line would end the cue, and a line
     * with {@code -->} start another) with {@code &}, {@code <} and {@code >} escaped, so that it cannot close the
     * voice tag or open one of its own.
     */
    public static String webvttText(String text) {
        return oneLine(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String time(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
