package app.meetingbridge.recordings.diarization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The diarizer's answer, {@code {"diarization": [{"start": s, "end": s, "speaker": n}]}}, read into turns in time
 * order. The speaker is a number, or a label ending in one ({@code "SPEAKER_01"}, pyannote's names, is 1). An answer
 * that is not JSON, has no {@code diarization} list, or a turn without numeric times or a speaker is refused as a
 * whole ({@link Malformed}); a turn that cannot be (a negative time, an end not after its start) is left out and
 * counted, the rest used. Overlapping turns are kept: the assignment weighs them.
 */
final class DiarizerAnswer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern NUMBER_AT_END = Pattern.compile("(\\d{1,9})$");

    /** The turns, and how many of the answer's were left out. */
    record Read(List<Turn> turns, int leftOut) {
    }

    private DiarizerAnswer() {
    }

    static Read read(String body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new Malformed("the diarizer answered something that is not JSON");
        }
        JsonNode list = answer == null ? null : answer.get("diarization");
        if (list == null || !list.isArray()) {
            throw new Malformed("the diarizer's answer has no \"diarization\" list");
        }
        List<Turn> turns = new ArrayList<>(list.size());
        int leftOut = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode turn = list.get(i);
            JsonNode start = turn.get("start");
            JsonNode end = turn.get("end");
            if (start == null || !start.isNumber() || end == null || !end.isNumber()) {
                throw new Malformed("turn " + i + " of the diarizer's answer has no numeric start and end");
            }
            int speaker = speaker(turn.get("speaker"), i);
            double from = start.doubleValue();
            double to = end.doubleValue();
            if (!Double.isFinite(from) || !Double.isFinite(to) || from < 0 || to <= from) {
                leftOut++;
                continue;
            }
            turns.add(new Turn(from, to, speaker));
        }
        turns.sort(Comparator.comparingDouble(Turn::start).thenComparingDouble(Turn::end));
        return new Read(List.copyOf(turns), leftOut);
    }

    private static int speaker(JsonNode speaker, int index) {
        if (speaker != null && speaker.isIntegralNumber() && speaker.canConvertToInt() && speaker.intValue() >= 0) {
            return speaker.intValue();
        }
        if (speaker != null && speaker.isString()) {
            Matcher number = NUMBER_AT_END.matcher(speaker.stringValue().strip());
            if (number.find()) {
                return Integer.parseInt(number.group(1));
            }
        }
        throw new Malformed("turn " + index + " of the diarizer's answer has no speaker number (" + speaker + ")");
    }

    /** The answer is not what the contract says. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }
}
