package app.meetingbridge.meetings.provider.whereby;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * The image {@code WHEREBY_LOGO_PATH} names, read once at start-up: a PNG or JPEG file (what Whereby takes as a
 * room logo; its API recommends PNG at least 400 px wide) of at most {@link #MAX_BYTES}. Anything else stops the
 * start with one line naming the setting, so that a local file problem never reaches, or is blamed on, Whereby.
 */
final class WherebyLogo {

    static final String SETTING = "WHEREBY_LOGO_PATH";
    /** Whereby states no limit for logos (600 kB for its background images); a logo has no need of more. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final String fileName;
    private final byte[] image;

    private WherebyLogo(String fileName, byte[] image) {
        this.fileName = fileName;
        this.image = image;
    }

    /** The logo at {@code path}, or none when the setting is empty; fails naming the setting when it is unusable. */
    static @Nullable WherebyLogo read(@Nullable String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw unusable(path, "is not a file path (" + e.getMessage() + ")");
        }
        if (!Files.exists(file)) {
            throw unusable(path, "does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw unusable(path, "is not a file (a folder?)");
        }
        if (!Files.isReadable(file)) {
            throw unusable(path, "cannot be read by this process");
        }
        byte[] image;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw unusable(path, "is " + size + " bytes, more than the " + MAX_BYTES + " a logo may have");
            }
            image = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unusable(path, "cannot be read (" + e.getMessage() + ")");
        }
        if (image.length > MAX_BYTES) { // grew while it was read
            throw unusable(path, "is more than the " + MAX_BYTES + " bytes a logo may have");
        }
        if (startsWith(image, PNG)) {
            return new WherebyLogo("logo.png", image);
        }
        if (startsWith(image, JPEG)) {
            return new WherebyLogo("logo.jpg", image);
        }
        throw unusable(path, "is not a PNG or JPEG image");
    }

    /** The image as the multipart part of the upload, named for what it is (which gives the part its content type). */
    Resource asResource() {
        return new ByteArrayResource(image) {
            @Override
            public String getFilename() {
                return fileName;
            }
        };
    }

    int size() {
        return image.length;
    }

    private static boolean startsWith(byte[] content, byte[] signature) {
        return content.length >= signature.length
                && Arrays.equals(content, 0, signature.length, signature, 0, signature.length);
    }

    private static IllegalStateException unusable(String path, String why) {
        return new IllegalStateException(SETTING + "=" + path + " " + why
                + ": set it to a PNG or JPEG file of at most 1 MiB, or leave it empty for Whereby's default logo");
    }
}
