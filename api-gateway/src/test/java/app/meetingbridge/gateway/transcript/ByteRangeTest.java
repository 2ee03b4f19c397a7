package app.meetingbridge.gateway.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.gateway.transcript.TranscriptAudio.RangeNotSatisfiable;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void passesOneByteRangeOnAsItWasAsked() {
        assertThat(ByteRange.forStorage("bytes=0-99")).isEqualTo("bytes=0-99");
        assertThat(ByteRange.forStorage("bytes=100-")).isEqualTo("bytes=100-");
        assertThat(ByteRange.forStorage("bytes=-500")).isEqualTo("bytes=-500");
        assertThat(ByteRange.forStorage(" BYTES=5-5 ")).isEqualTo("bytes=5-5");
    }

    @Test
    void servesTheWholeFileForNoRangeOrOneItDoesNotHonour() {
        assertThat(ByteRange.forStorage(null)).isNull();
        assertThat(ByteRange.forStorage("bytes=0-1,5-9")).isNull();
        assertThat(ByteRange.forStorage("items=0-1")).isNull();
        assertThat(ByteRange.forStorage("bytes=-")).isNull();
        assertThat(ByteRange.forStorage("bytes=a-b")).isNull();
    }

    @Test
    void refusesARangeThatEndsBeforeItStartsOrAnEmptySuffix() {
        assertThatThrownBy(() -> ByteRange.forStorage("bytes=10-9")).isInstanceOf(RangeNotSatisfiable.class);
        assertThatThrownBy(() -> ByteRange.forStorage("bytes=-0")).isInstanceOf(RangeNotSatisfiable.class);
    }

    @Test
    void readsNumbersTooLargeForALongAsPastAnyFile() {
        String huge = "99999999999999999999";

        assertThatThrownBy(() -> ByteRange.forStorage("bytes=" + huge + "-")).isInstanceOf(RangeNotSatisfiable.class);
        assertThat(ByteRange.forStorage("bytes=10-" + huge)).isEqualTo("bytes=10-");
        assertThat(ByteRange.forStorage("bytes=-" + huge)).isNull();
    }
}
