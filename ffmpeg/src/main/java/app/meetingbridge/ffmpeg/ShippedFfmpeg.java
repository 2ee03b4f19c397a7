package app.meetingbridge.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The statically linked ffmpeg shipped in the {@code ws.schild:jave-nativebin-linux64} artifact (Linux x86-64; it
 * needs nothing from the host), unpacked once into a folder only this user can write,
 * {@code <java.io.tmpdir>/meetingbridge-ffmpeg-<user>/<artifact version>/ffmpeg}, and reused by every later start.
 * Unpacking writes a temporary file and renames it, so processes starting together never run a half-written one.
 */
public final class ShippedFfmpeg {

    static final String RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static final String ARTIFACT = "META-INF/maven/ws.schild/jave-nativebin-linux64/pom.properties";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static @Nullable Optional<Path> unpacked;

    private ShippedFfmpeg() {
    }

    /** The shipped ffmpeg, unpacked; empty on a platform it is not shipped for (then use one on the PATH). */
    public static synchronized Optional<Path> executable() {
        if (unpacked == null) {
            unpacked = shippedForThisPlatform() ? Optional.of(unpack()) : Optional.empty();
        }
        return unpacked;
    }

    /** How to run ffmpeg: the shipped one where there is one, else {@code ffmpeg} from the PATH. */
    public static String command() {
        return executable().map(Path::toString).orElse("ffmpeg");
    }

    /** Prints how to run ffmpeg (the shipped one, unpacked): for scripts, {@code java -cp … ShippedFfmpeg}. */
    public static void main(String[] args) {
        System.out.println(command());
    }

    static boolean shippedForThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))
                && resource(RESOURCE) != null;
    }

    private static Path unpack() {
        try {
            Path cache = Path.of(System.getProperty("java.io.tmpdir"),
                    "meetingbridge-ffmpeg-" + safe(System.getProperty("user.name", "user")));
            Path folder = privateFolder(cache) ? cache.resolve(safe(artifactVersion())) : temporaryFolder();
            return unpackInto(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the shipped ffmpeg: " + e.getMessage(), e);
        }
    }

    /** Unpacks the binary into {@code folder} (made if missing), unless a whole copy is already there. */
    static Path unpackInto(Path folder) throws IOException {
        URL url = resource(RESOURCE);
        if (url == null) {
            throw new IOException(RESOURCE + " is not on the class path");
        }
        Files.createDirectories(folder);
        Path target = folder.resolve("ffmpeg");
        URLConnection connection = url.openConnection();
        long size = connection.getContentLengthLong();
        if (size > 0 && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size
                && Files.isExecutable(target)) {
            connection.getInputStream().close();
            return target;
        }
        Path partial = folder.resolve("ffmpeg." + UUID.randomUUID() + ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial);
            Files.setPosixFilePermissions(partial, OWNER_ONLY);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    /**
     * Whether {@code folder} is (or could be made) a folder of this user's that nobody else can write: a binary
     * reused from a folder another user could write to could be anyone's.
     */
    static boolean privateFolder(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made by a process starting beside this one: checked below like any other
            }
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return attributes.isDirectory() && attributes.owner().equals(currentUser(folder.getParent()))
                && !attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static UserPrincipal currentUser(Path somewhere) throws IOException {
        Path probe = Files.createTempFile(somewhere, "owner", ".probe");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.delete(probe);
        }
    }

    private static Path temporaryFolder() throws IOException {
        Path folder = Files.createTempDirectory("meetingbridge-ffmpeg");
        folder.toFile().deleteOnExit();
        folder.resolve("ffmpeg").toFile().deleteOnExit();
        return folder;
    }

    private static String artifactVersion() throws IOException {
        URL url = resource(ARTIFACT);
        if (url == null) {
            return "unknown";
        }
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        return properties.getProperty("version", "unknown");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static @Nullable URL resource(String name) {
        return ShippedFfmpeg.class.getClassLoader().getResource(name);
    }
}
