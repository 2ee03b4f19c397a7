package app.meetingbridge.recordings.transcription;

import app.meetingbridge.recordings.transcription.TranscriptionBackend.Heard;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Timing;
import app.meetingbridge.transcripts.Word;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audio-transcriptions answer read into timed words (speaker 0, times in seconds from the start of the file), in
 * the first of these shapes it has: {@code words: [{word, start, end}]} at the top (OpenAI's {@code verbose_json}
 * with word timestamps, Reflector's GPU service, speaches); {@code words} inside each of its {@code segments}
 * (whisper.cpp's server); {@code segments: [{start, end, text}]} without words, each segment's text split at spaces
 * and its words spread over the segment by their length in characters; {@code text} alone, spread the same way over
 * the answer's {@code duration}, else over the track. A word without numeric times is left out; a word's text is
 * trimmed (Whisper puts the space before a word in it).
 */
final class TranscriptionAnswer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscriptionAnswer() {
    }

    static Heard read(String body, double trackSeconds) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new TranscriptionBackend.TranscriptionException(
                    "transcription backend answered something that is not JSON", e);
        }
        if (answer == null || !answer.isObject()) {
            throw new TranscriptionBackend.TranscriptionException(
                    "transcription backend answered JSON that is not an object", null);
        }
        List<Word> words = timed(answer.path("words"));
        if (!words.isEmpty()) {
            return new Heard(sorted(words), Timing.WORDS);
        }
        JsonNode segments = answer.path("segments");
        for (JsonNode segment : segments) {
            words.addAll(timed(segment.path("words")));
        }
        if (!words.isEmpty()) {
            return new Heard(sorted(words), Timing.WORDS);
        }
        for (JsonNode segment : segments) {
            if (segment.path("start").isNumber() && segment.path("end").isNumber()) {
                words.addAll(spread(segment.path("text").asString(""), segment.get("start").doubleValue(),
                        segment.get("end").doubleValue()));
            }
        }
        if (!words.isEmpty()) {
            return new Heard(sorted(words), Timing.SEGMENTS);
        }
        String text = answer.path("text").asString("");
        if (text.isBlank()) {
            return new Heard(List.of(), Timing.WORDS); // nothing was said
        }
        return new Heard(spread(text, 0, duration(answer.path("duration"), trackSeconds)), Timing.TEXT);
    }

    /** The answer's duration (a number, or a number in a string as vLLM gives it), else the track's. */
    private static double duration(JsonNode duration, double trackSeconds) {
        double said = duration.isNumber() ? duration.doubleValue() : 0;
        if (duration.isString()) {
            try {
                said = Double.parseDouble(duration.stringValue().strip());
            } catch (NumberFormatException e) {
                said = 0;
            }
        }
        return said > 0 && Double.isFinite(said) ? said : trackSeconds;
    }

    private static List<Word> timed(JsonNode words) {
        List<Word> heard = new ArrayList<>();
        for (JsonNode word : words) {
            String text = word.path("word").asString(word.path("text").asString("")).strip();
            if (!text.isEmpty() && word.path("start").isNumber() && word.path("end").isNumber()) {
                heard.add(new Word(text, word.get("start").doubleValue(), word.get("end").doubleValue(), 0));
            }
        }
        return heard;
    }

    /** The text's words over {@code from..to}, each given a share of the time as long as its share of the letters. */
    static List<Word> spread(String text, double from, double to) {
        String[] parts = text.strip().split("\\s+");
        long letters = 0;
        for (String part : parts) {
            letters += part.length();
        }
        List<Word> words = new ArrayList<>(parts.length);
        if (letters == 0) {
            return words;
        }
        double span = Math.max(0, to - from);
        long before = 0;
        for (String part : parts) {
            double start = from + span * before / letters;
            before += part.length();
            words.add(new Word(part, start, from + span * before / letters, 0));
        }
        return words;
    }

    private static List<Word> sorted(List<Word> words) {
        List<Word> ordered = new ArrayList<>(words);
        ordered.sort(Comparator.comparingDouble(Word::start));
        return ordered;
    }
}
