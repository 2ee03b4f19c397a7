package app.meetingbridge.recordings.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import app.meetingbridge.recordings.transcription.TranscriptionBackend.Heard;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Timing;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.TranscriptionException;
import app.meetingbridge.transcripts.Word;
import org.junit.jupiter.api.Test;

/** Answers of OpenAI-compatible transcription servers, as their documentation shows them. */
class TranscriptionAnswerTest {

    @Test
    void readsOpenAisVerboseJsonWithWordTimestamps() {
        // OpenAI's API reference: verbose_json with timestamp_granularities[]=word (and segment)
        Heard heard = TranscriptionAnswer.read("""
                {"task": "transcribe", "language": "english", "duration": 8.470000267028809,
                 "text": "The beach was a popular spot on a hot summer day.",
                 "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 3.319999933242798,
                               "text": " The beach was a popular spot on a hot summer day.",
                               "tokens": [50364, 440, 7534], "temperature": 0.0, "avg_logprob": -0.286,
                               "compression_ratio": 1.236, "no_speech_prob": 0.0098}],
                 "words": [{"word": "The", "start": 0.0, "end": 0.23999999463558197},
                           {"word": "beach", "start": 0.23999999463558197, "end": 0.6600000262260437},
                           {"word": "was", "start": 0.6600000262260437, "end": 0.7799999713897705}],
                 "usage": {"type": "duration", "seconds": 9}}
                """, 9.0);

        assertThat(heard.timing()).isEqualTo(Timing.WORDS);
        assertThat(heard.words()).extracting(Word::text).containsExactly("The", "beach", "was");
        assertThat(heard.words().get(1).start()).isEqualTo(0.23999999463558197);
        assertThat(heard.words()).extracting(Word::speaker).containsOnly(0);
    }

    @Test
    void readsReflectorsServiceWithItsSpacesTrimmedAndWordsPutInOrder() {
        Heard heard = TranscriptionAnswer.read("""
                {"text": "Hello there", "words": [{"word": " there", "start": 0.6, "end": 0.9},
                                                  {"word": " Hello", "start": 0.2, "end": 0.5}]}
                """, 2.0);

        assertThat(heard.words()).containsExactly(new Word("Hello", 0.2, 0.5, 0), new Word("there", 0.6, 0.9, 0));
        assertThat(heard.timing()).isEqualTo(Timing.WORDS);
    }

    @Test
    void readsWordsInsideSegmentsAsWhisperCppsServerGivesThem() {
        Heard heard = TranscriptionAnswer.read("""
                {"task": "transcribe", "language": "english", "duration": 11.0,
                 "text": " And so my fellow Americans, ask not",
                 "segments": [
                   {"id": 0, "text": " And so my fellow Americans,", "start": 0.0, "end": 3.2, "tokens": [50363, 843],
                    "words": [{"word": " And", "start": 0.32, "end": 0.54, "t_dtw": -1, "probability": 0.81},
                              {"word": " so", "start": 0.54, "end": 1.08, "t_dtw": -1, "probability": 0.98},
                              {"word": " my", "start": 1.08, "end": 1.52, "t_dtw": -1, "probability": 0.99},
                              {"word": " fellow", "start": 1.52, "end": 2.0, "t_dtw": -1, "probability": 0.99},
                              {"word": " Americans,", "start": 2.0, "end": 3.2, "t_dtw": -1, "probability": 0.97}],
                    "temperature": 0.0, "avg_logprob": -0.2, "no_speech_prob": 0.01},
                   {"id": 1, "text": " ask not", "start": 3.9, "end": 4.8, "tokens": [1029, 407],
                    "words": [{"word": " ask", "start": 3.9, "end": 4.2, "t_dtw": -1, "probability": 0.99},
                              {"word": " not", "start": 4.2, "end": 4.8, "t_dtw": -1, "probability": 0.99}]}]}
                """, 11.0);

        assertThat(heard.timing()).isEqualTo(Timing.WORDS);
        assertThat(heard.words()).extracting(Word::text)
                .containsExactly("And", "so", "my", "fellow", "Americans,", "ask", "not");
        assertThat(heard.words().get(5)).isEqualTo(new Word("ask", 3.9, 4.2, 0));
    }

    @Test
    void spreadsEachSegmentsWordsOverItByTheirLength() {
        // segments only: a server without word timestamps (speaches' segment granularity, vLLM's verbose_json)
        Heard heard = TranscriptionAnswer.read("""
                {"task": "transcribe", "language": "en", "duration": 10.0, "text": "ab abcd. xy",
                 "words": null,
                 "segments": [{"id": 0, "seek": 0, "start": 1.0, "end": 4.0, "text": " ab abcd.", "words": null},
                              {"id": 1, "seek": 0, "start": 6.0, "end": 7.0, "text": " xy"}]}
                """, 10.0);

        assertThat(heard.timing()).isEqualTo(Timing.SEGMENTS);
        assertThat(heard.words()).extracting(Word::text).containsExactly("ab", "abcd.", "xy");
        // "ab" is 2 of the segment's 7 letters: 2/7 of its 3 seconds
        assertThat(heard.words().get(0).start()).isEqualTo(1.0);
        assertThat(heard.words().get(0).end()).isCloseTo(1.0 + 3.0 * 2 / 7, within(1e-9));
        assertThat(heard.words().get(1).start()).isCloseTo(1.0 + 3.0 * 2 / 7, within(1e-9));
        assertThat(heard.words().get(1).end()).isCloseTo(4.0, within(1e-9));
        assertThat(heard.words().get(2)).isEqualTo(new Word("xy", 6.0, 7.0, 0));
    }

    @Test
    void readsVllmsVerboseJsonWithSegmentsAndItsDurationInAString() {
        Heard heard = TranscriptionAnswer.read("""
                {"duration": "17.653125", "language": "en", "text": " Hey, who remembers",
                 "segments": [{"id": 0, "avg_logprob": -1.0, "compression_ratio": -1.0, "end": 2.5, "no_speech_prob": -1.0,
                               "seek": 0, "start": 0.5, "temperature": 0.0, "text": " Hey, who remembers",
                               "tokens": [50365, 1911]}]}
                """, 20.0);

        assertThat(heard.timing()).isEqualTo(Timing.SEGMENTS);
        assertThat(heard.words()).extracting(Word::text).containsExactly("Hey,", "who", "remembers");
        assertThat(heard.words().get(0).start()).isEqualTo(0.5);
        assertThat(heard.words().get(2).end()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void spreadsTextAloneOverADurationGivenAsAString() {
        Heard heard = TranscriptionAnswer.read("{\"text\": \"one two\", \"duration\": \"4.0\"}", 9.0);

        assertThat(heard.words().get(1).end()).isEqualTo(4.0);
    }

    @Test
    void spreadsTextAloneOverTheAnswersDuration() {
        Heard heard = TranscriptionAnswer.read("{\"text\": \"one two\", \"duration\": 4.0}", 9.0);

        assertThat(heard.timing()).isEqualTo(Timing.TEXT);
        assertThat(heard.words()).containsExactly(new Word("one", 0.0, 2.0, 0), new Word("two", 2.0, 4.0, 0));
    }

    @Test
    void spreadsTextAloneOverTheTrackWhenTheAnswerHasNoDuration() {
        // response_format=json, the only one some servers give: {"text": ...}
        Heard heard = TranscriptionAnswer.read("{\"text\": \"  Hi  there  \"}", 3.5);

        assertThat(heard.timing()).isEqualTo(Timing.TEXT);
        assertThat(heard.words()).extracting(Word::text).containsExactly("Hi", "there");
        assertThat(heard.words().get(1).end()).isEqualTo(3.5);
        assertThat(heard.words().get(0).end()).isCloseTo(3.5 * 2 / 7, within(1e-9));
    }

    @Test
    void silenceIsNoWords() {
        Heard heard = TranscriptionAnswer.read("{\"text\": \"\", \"words\": [], \"segments\": []}", 3.0);

        assertThat(heard.words()).isEmpty();
        assertThat(heard.timing()).isEqualTo(Timing.WORDS);
    }

    @Test
    void leavesOutWordsWithoutTimes() {
        Heard heard = TranscriptionAnswer.read("""
                {"text": "a b", "words": [{"word": "a", "start": 0.1, "end": 0.2}, {"word": "b"}, {"word": " ", "start": 1, "end": 2}]}
                """, 3.0);

        assertThat(heard.words()).containsExactly(new Word("a", 0.1, 0.2, 0));
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> TranscriptionAnswer.read("Hello there", 1.0)).isInstanceOf(TranscriptionException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> TranscriptionAnswer.read("[1, 2]", 1.0)).isInstanceOf(TranscriptionException.class);
    }
}
