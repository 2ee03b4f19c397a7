package app.meetingbridge.system;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestServices;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the built deployables ({@code <module>/target/<module>.jar}) run as a real process against this run's
 * database and virtual host, on a port of its own, its output kept in {@code target/system-test-logs}.
 */
final class Deployable {

    private static final Path ROOT = Path.of(System.getProperty("deployables.dir", ".."));

    private final String module;
    private final int port;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    Deployable(String module, Map<String, String> settings) {
        this.module = module;
        this.port = freePort();
        environment.putAll(TestServices.environment());
        environment.put("SERVER_PORT", String.valueOf(port));
        environment.putAll(settings);
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HttpJson http() {
        return new HttpJson(baseUrl());
    }

    void start() {
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "system-test-logs"));
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(module + ".log").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(Duration.ofSeconds(120));
    }

    /**
     * Starts the deployable expecting it to refuse: waits for it to exit on its own and answers what it printed.
     *
     * @throws AssertionError when it is still running after {@code within}, or exits 0
     */
    String startExpectingRefusal(Duration within) throws IOException, InterruptedException {
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        Path output = Files.createTempFile(module, ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(module + " still ran after " + within);
            }
            if (process.exitValue() == 0) {
                throw new AssertionError(module + " exited 0");
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Kills the process at once, as a crash or an operator's kill would. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpJson http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see "
                        + new File("target/system-test-logs/" + module + ".log").getAbsolutePath());
            }
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // starting
            }
            sleep(250);
        }
        throw new IllegalStateException(module + " was not ready within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
