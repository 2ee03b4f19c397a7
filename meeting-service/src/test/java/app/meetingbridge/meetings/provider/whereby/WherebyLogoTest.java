package app.meetingbridge.meetings.provider.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WherebyLogoTest {

    @TempDir
    Path dir;

    /** The eight bytes every PNG starts with, then {@code size - 8} bytes of anything. */
    static byte[] png(int size) {
        byte[] image = new byte[size];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, image, 0, 8);
        return image;
    }

    static byte[] jpeg(int size) {
        byte[] image = new byte[size];
        image[0] = (byte) 0xff;
        image[1] = (byte) 0xd8;
        image[2] = (byte) 0xff;
        return image;
    }

    @Test
    void takesAPngOrAJpegAndNamesThePartForWhatItIs() throws Exception {
        WherebyLogo png = WherebyLogo.read(Files.write(dir.resolve("brand"), png(500)).toString());
        WherebyLogo jpeg = WherebyLogo.read(Files.write(dir.resolve("brand.png"), jpeg(700)).toString());

        assertThat(png.size()).isEqualTo(500);
        assertThat(png.asResource().getFilename()).isEqualTo("logo.png");
        assertThat(jpeg.asResource().getFilename()).isEqualTo("logo.jpg");
        assertThat(jpeg.asResource().getContentAsByteArray()).isEqualTo(jpeg(700));
    }

    @Test
    void isNoneWhenTheSettingIsEmpty() {
        assertThat(WherebyLogo.read("")).isNull();
        assertThat(WherebyLogo.read("  ")).isNull();
        assertThat(WherebyLogo.read(null)).isNull();
    }

    @Test
    void refusesAMissingFileAFolderAndWhatIsNotAnImageNamingTheSetting() throws Exception {
        Path text = Files.writeString(dir.resolve("logo.png"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);

        assertRefused(dir.resolve("missing.png"), "does not exist");
        assertRefused(dir, "is not a file");
        assertRefused(text, "is not a PNG or JPEG image");
        assertRefused(empty, "is not a PNG or JPEG image");
    }

    @Test
    void refusesAnImageOverOneMebibyte() throws Exception {
        Path atTheLimit = Files.write(dir.resolve("ok.png"), png((int) WherebyLogo.MAX_BYTES));
        Path tooBig = Files.write(dir.resolve("big.png"), png((int) WherebyLogo.MAX_BYTES + 1));

        assertThat(WherebyLogo.read(atTheLimit.toString())).isNotNull();
        assertRefused(tooBig, "1048577 bytes, more than the 1048576");
    }

    @Test
    void refusesAFileThisProcessCannotRead() throws Exception {
        Path locked = Files.write(dir.resolve("locked.png"), png(100));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "this user reads every file (root)");

        assertRefused(locked, "cannot be read");
    }

    private static void assertRefused(Path path, String why) {
        assertThatThrownBy(() -> WherebyLogo.read(path.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("WHEREBY_LOGO_PATH=" + path)
                .hasMessageContaining(why);
    }
}
