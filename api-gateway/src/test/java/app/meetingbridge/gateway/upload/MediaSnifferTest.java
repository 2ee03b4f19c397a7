package app.meetingbridge.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.gateway.upload.MediaSniffer.Sniffed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MediaSnifferTest {

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] padded(byte[] head) {
        return Arrays.copyOf(head, 64);
    }

    static String format(byte[] head) {
        Sniffed sniffed = MediaSniffer.sniff(head);
        assertThat(sniffed.media()).as(sniffed.what()).isTrue();
        return sniffed.what();
    }

    @Test
    void recognisesAnMp3ByItsId3TagOrItsFirstFrame() {
        assertThat(format(padded(ascii("ID3\u0004\u0000")))).isEqualTo("mp3");
        // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
        assertThat(format(padded(bytes(0xFF, 0xFB, 0x90, 0x64)))).isEqualTo("mp3");
    }

    @Test
    void recognisesTheCommonAudioContainers() {
        assertThat(format(padded(ascii("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")))).isEqualTo("wav");
        assertThat(format(padded(ascii("OggS\u0000\u0002")))).isEqualTo("ogg");
        assertThat(format(padded(ascii("fLaC\u0000\u0000\u0000\u0010")))).isEqualTo("flac");
        assertThat(format(padded(ascii("FORM\u0000\u0000\u0000\u0000AIFF")))).isEqualTo("aiff");
        assertThat(format(padded(ascii("#!AMR\n")))).isEqualTo("amr");
        // ADTS: sync, MPEG-4, no CRC; AAC LC at 44.1 kHz
        assertThat(format(padded(bytes(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC)))).isEqualTo("aac");
    }

    @Test
    void recognisesTheCommonVideoContainers() {
        assertThat(format(padded(ascii("\u0000\u0000\u0000\u0020ftypisom")))).isEqualTo("mp4");
        assertThat(format(padded(ascii("\u0000\u0000\u0000\u0020ftypM4A ")))).isEqualTo("mp4");
        assertThat(format(padded(ascii("\u0000\u0000\u0000\u0014ftypqt  ")))).isEqualTo("mp4");
        assertThat(format(padded(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81)))).isEqualTo("matroska");
        assertThat(format(padded(ascii("RIFF\u0000\u0000\u0000\u0000AVI LIST")))).isEqualTo("avi");
        assertThat(format(padded(bytes(0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9)))).isEqualTo("asf");
        assertThat(format(padded(ascii("FLV\u0001\u0005")))).isEqualTo("flv");
        byte[] transportStream = new byte[400];
        transportStream[0] = 0x47;
        transportStream[188] = 0x47;
        assertThat(format(transportStream)).isEqualTo("mpeg-ts");
    }

    @Test
    void refusesTextSayingItLooksLikeText() {
        Sniffed sniffed = MediaSniffer.sniff(ascii("Meeting notes\n- agree on the budget\n\tthen lunch\r\n"));

        assertThat(sniffed.media()).isFalse();
        assertThat(sniffed.reason()).isEqualTo("The file is not audio or video: it looks like text");
    }

    @Test
    void takesUtf8CutInTheMiddleOfACharacterAsText() {
        byte[] text = "Réunion: ça va, très bien €".getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(text, text.length - 1); // the euro sign's last byte missing

        assertThat(MediaSniffer.sniff(cut).what()).isEqualTo("text");
    }

    @Test
    void namesDocumentsAndImagesThatAreNotMedia() {
        assertThat(MediaSniffer.sniff(padded(ascii("%PDF-1.7"))).what()).isEqualTo("a PDF document");
        assertThat(MediaSniffer.sniff(padded(ascii("PK\u0003\u0004"))).what())
                .isEqualTo("a ZIP archive or an office document");
        assertThat(MediaSniffer.sniff(padded(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A)))).extracting(Sniffed::what)
                .isEqualTo("a PNG image");
        assertThat(MediaSniffer.sniff(padded(bytes(0xFF, 0xD8, 0xFF, 0xE0)))).extracting(Sniffed::what)
                .isEqualTo("a JPEG image");
    }

    @Test
    void refusesAnEmptyFileAndBinaryNoise() {
        assertThat(MediaSniffer.sniff(new byte[0]).reason()).isEqualTo("The file is not audio or video: it looks like an empty file");
        Sniffed noise = MediaSniffer.sniff(bytes(0x00, 0x01, 0x02, 0x03, 0x10, 0x80, 0x81, 0x00));
        assertThat(noise.media()).isFalse();
        assertThat(noise.what()).isEqualTo("data of an unknown kind");
    }

    @Test
    void doesNotTakeAFrameSyncWithReservedFieldsForMp3() {
        // reserved version (01), bad bitrate (1111)
        assertThat(MediaSniffer.sniff(padded(bytes(0xFF, 0xEB, 0x90, 0x00))).media()).isFalse();
        assertThat(MediaSniffer.sniff(padded(bytes(0xFF, 0xFB, 0xF0, 0x00))).media()).isFalse();
    }
}
