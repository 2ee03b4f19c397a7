package app.meetingbridge.zulip;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Zulip message a transcript makes, as Reflector writes it (Zulip markdown): a heading with the title, the date
 * (a Zulip {@code <time:…>}, shown in each reader's zone), a link to the transcript on the frontend, the duration,
 * the long summary in a spoiler block, optionally the topics with their start times in another, and a rule.
 */
public final class ZulipMessage {

    /** A topic of the transcript: where it starts (seconds) and its title. */
    public record Topic(double timestamp, String title) {
    }

    /** What of a transcript the message shows. */
    public record Transcript(String id, @Nullable String title, Instant createdAt, @Nullable Long durationMs,
                             @Nullable String longSummary, List<Topic> topics) {
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ZulipMessage() {
    }

    /**
     * The message for {@code transcript}, linking to {@code {uiBaseUrl}/transcripts/{id}}, with its topics when
     * {@code includeTopics} (and it has some).
     */
    public static String compose(Transcript transcript, String uiBaseUrl, boolean includeTopics) {
        String url = uiBaseUrl.replaceAll("/+$", "") + "/transcripts/" + transcript.id();
        String title = transcript.title() == null || transcript.title().isEmpty() ? "Unnamed recording"
                : transcript.title();
        StringBuilder message = new StringBuilder();
        message.append("# Reflector – ").append(title).append("\n\n");
        message.append("**Date**: <time:").append(isoDate(transcript.createdAt())).append(">\n");
        message.append("**Link**: [").append(domain(url)).append("](").append(url).append(")\n");
        long durationMs = transcript.durationMs() == null ? 0 : transcript.durationMs();
        message.append("**Duration**: ").append(clock(Math.floorDiv(durationMs, 1000))).append("\n\n");
        String summary = transcript.longSummary() == null || transcript.longSummary().isEmpty()
                ? "No summary available" : transcript.longSummary();
        message.append("```spoiler Summary\n").append(summary).append("\n```\n\n");
        if (includeTopics && !transcript.topics().isEmpty()) {
            message.append("```spoiler Topics\n");
            for (Topic topic : transcript.topics()) {
                message.append("1. [").append(clock((long) Math.floor(topic.timestamp()))).append("] ")
                        .append(topic.title()).append('\n');
            }
            message.append("```\n\n");
        }
        message.append("-----\n");
        return message.toString();
    }

    /** The topics of a transcript's {@code topics} column (a JSON array of objects with timestamp and title). */
    public static List<Topic> topicsOf(String topicsJson) {
        List<Topic> topics = new ArrayList<>();
        for (JsonNode topic : JSON.readTree(topicsJson)) {
            topics.add(new Topic(topic.path("timestamp").asDouble(0), topic.path("title").asString("")));
        }
        return topics;
    }

    /** A length as Reflector shows it: {@code MM:SS} under an hour, {@code H:MM:SS}, {@code N day(s), H:MM:SS}. */
    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        String time = String.format(Locale.ROOT, "%d:%02d:%02d", hours, s / 60 % 60, s % 60);
        if (days > 0) {
            return days + (days == 1 ? " day, " : " days, ") + time;
        }
        return hours == 0 ? time.substring(2) : time;
    }

    /** The instant as Python's {@code isoformat()} writes a UTC time: offset {@code +00:00}, microseconds if any. */
    static String isoDate(Instant at) {
        var utc = at.atOffset(ZoneOffset.UTC);
        return (utc.getNano() / 1000 == 0 ? SECONDS : MICROS).format(utc);
    }

    /** The URL's host (and port, if any), as the link's text. */
    static String domain(String url) {
        try {
            String authority = URI.create(url).getRawAuthority();
            return authority == null ? url : authority;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
