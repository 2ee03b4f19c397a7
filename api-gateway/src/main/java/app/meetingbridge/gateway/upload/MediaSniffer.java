package app.meetingbridge.gateway.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What the first bytes of a file say it is: one of the audio or video containers people record or export (MP3 with
 * an ID3 tag or a bare frame, WAV, AIFF, Ogg, FLAC, MP4/M4A/MOV/3GP, WebM/Matroska, AAC in ADTS, AMR, ASF/WMA/WMV,
 * FLV, AVI, MPEG program and transport streams, CAF, AU, WavPack, Monkey's Audio), or something else, named in
 * words where it is recognisable. The file's name and announced type are not trusted; ffmpeg decides later whether
 * the content really plays.
 */
final class MediaSniffer {

    /** How many leading bytes {@link #sniff} looks at (two MPEG transport stream packets and a bit). */
    static final int HEAD_BYTES = 512;

    private MediaSniffer() {
    }

    /** What the file is, from its first bytes (up to {@link #HEAD_BYTES}; fewer when the file is shorter). */
    static Sniffed sniff(byte[] head) {
        if (head.length == 0) {
            return Sniffed.notMedia("an empty file");
        }
        String media = media(head);
        return media != null ? Sniffed.media(media) : Sniffed.notMedia(other(head));
    }

    private static @Nullable String media(byte[] b) {
        if (startsWith(b, 0, "ID3") && b.length > 3 && (b[3] & 0xFF) < 0xFF) {
            return "mp3";
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WAVE")) {
            return "wav";
        }
        if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "AVI ")) {
            return "avi";
        }
        if (startsWith(b, 0, "FORM") && (startsWith(b, 8, "AIFF") || startsWith(b, 8, "AIFC"))) {
            return "aiff";
        }
        if (startsWith(b, 0, "OggS")) {
            return "ogg";
        }
        if (startsWith(b, 0, "fLaC")) {
            return "flac";
        }
        if (startsWith(b, 4, "ftyp")) {
            return "mp4";
        }
        if (startsWith(b, 4, "moov") || startsWith(b, 4, "mdat") || startsWith(b, 4, "wide")) {
            return "mov";
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "matroska";
        }
        if (startsWith(b, 0, "#!AMR")) {
            return "amr";
        }
        if (startsWith(b, 0, 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11)) {
            return "asf";
        }
        if (startsWith(b, 0, "FLV") && b.length > 3 && b[3] == 1) {
            return "flv";
        }
        if (startsWith(b, 0, "caff")) {
            return "caf";
        }
        if (startsWith(b, 0, ".snd")) {
            return "au";
        }
        if (startsWith(b, 0, "wvpk")) {
            return "wavpack";
        }
        if (startsWith(b, 0, "MAC ")) {
            return "ape";
        }
        if (startsWith(b, 0, 0x00, 0x00, 0x01, 0xBA)) {
            return "mpeg-ps";
        }
        if (b.length > 188 && b[0] == 0x47 && b[188] == 0x47) {
            return "mpeg-ts";
        }
        if (adts(b)) {
            return "aac";
        }
        if (mpegAudioFrame(b)) {
            return "mp3";
        }
        return null;
    }

    /** An AAC frame header: sync 0xFFF, layer 00, a sampling index that exists. */
    private static boolean adts(byte[] b) {
        return b.length >= 7 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xF6) == 0xF0 && ((b[2] >> 2) & 0x0F) < 13;
    }

    /**
     * An MPEG audio frame header (a file without an ID3 tag): 11 sync bits, a version and a layer that exist, a
     * bitrate other than "bad" and a sampling rate other than "reserved".
     */
    private static boolean mpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (b[1] >> 3) & 0x03;
        int layer = (b[1] >> 1) & 0x03;
        int bitrate = (b[2] >> 4) & 0x0F;
        int rate = (b[2] >> 2) & 0x03;
        return version != 1 && layer != 0 && bitrate != 0x0F && rate != 0x03;
    }

    /** Words for what a file that is not media looks like. */
    private static String other(byte[] b) {
        if (startsWith(b, 0, "%PDF")) {
            return "a PDF document";
        }
        if (startsWith(b, 0, "PK", 0x03, 0x04)) {
            return "a ZIP archive or an office document";
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (startsWith(b, 0, "GIF8")) {
            return "a GIF image";
        }
        if (text(b)) {
            return "text";
        }
        return "data of an unknown kind";
    }

    /** Whether the bytes read as text: UTF-8 with no control characters other than tab and line ends. */
    private static boolean text(byte[] b) {
        // a multi-byte character cut at the end of the head is still text
        int end = b.length;
        for (int back = 1; back <= 3 && back <= b.length; back++) {
            int lead = b[b.length - back] & 0xFF;
            if (lead >= 0xC0) {
                end = b.length - back;
                break;
            }
            if (lead < 0x80) {
                break;
            }
        }
        byte[] whole = Arrays.copyOf(b, end);
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(whole)).toString();
            return decoded.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f');
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int at, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        return b.length >= at + prefix.length && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean startsWith(byte[] b, int at, Object... parts) {
        int i = at;
        for (Object part : parts) {
            if (part instanceof String ascii) {
                if (!startsWith(b, i, ascii)) {
                    return false;
                }
                i += ascii.length();
            } else {
                int value = part instanceof Character c ? c : (Integer) part;
                if (b.length <= i || (b[i] & 0xFF) != value) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The verdict: media of a named format, or not media and what it looks like instead. */
    record Sniffed(boolean media, String what) {

        static Sniffed media(String format) {
            return new Sniffed(true, format);
        }

        static Sniffed notMedia(String looksLike) {
            return new Sniffed(false, looksLike);
        }

        /** Why such a file is refused, for its uploader. */
        String reason() {
            return "The file is not audio or video: it looks like " + what;
        }
    }
}
