package app.meetingbridge.system;

import app.meetingbridge.testsupport.HttpJson;
import app.meetingbridge.testsupport.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the built deployables ({@code <module>/target/<module>.jar}) run as a real process against this run's
 * database and virtual host, on a port of its own, its output kept in {@code target/system-test-logs/<instance>.log}.
 * Several instances of one module run side by side under names of their own.
 */
final class Deployable {

    private static final Path ROOT = Path.of(System.getProperty("deployables.dir", ".."));
    private static final Path LOGS = Path.of("target", "system-test-logs");

    private final String module;
    private final String instance;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;
    private long logStart;

    Deployable(String module, Map<String, String> settings) {
        this(module, module, settings);
    }

    Deployable(String module, String instance, Map<String, String> settings) {
        this.module = module;
        this.instance = instance;
        this.port = freePort();
        environment.putAll(TestServices.environment());
        environment.put("SERVER_PORT", String.valueOf(port));
        if (module.equals("api-gateway")) {
            this.managementPort = freePort();
            environment.put("MANAGEMENT_PORT", String.valueOf(managementPort));
            environment.put("AUTH_BACKEND", "none"); // the tests call from this machine; a test may choose jwt
        } else {
            this.managementPort = port; // meeting-service and the worker serve only their operations endpoints
        }
        environment.putAll(settings);
    }

    int port() {
        return port;
    }

    String module() {
        return module;
    }

    String instance() {
        return instance;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HttpJson http() {
        return new HttpJson(baseUrl());
    }

    /** Where its operations endpoints ({@code /actuator/*}) answer: the gateway's management port, else its port. */
    HttpJson management() {
        return new HttpJson("http://127.0.0.1:" + managementPort);
    }

    void start() {
        launch();
        awaitReady(Duration.ofSeconds(120));
    }

    /** Starts the process without waiting for it (start several at once, then {@link #awaitReady} each). */
    void launch() {
        Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn package)");
        }
        try {
            Path log = Files.createDirectories(LOGS).resolve(instance + ".log");
            logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What this process has written to its log so far (not what earlier processes of the instance wrote). */
    String log() {
        try {
            byte[] all = Files.readAllBytes(LOGS.resolve(instance + ".log"));
            return new String(all, (int) Math.min(logStart, all.length), (int) Math.max(0, all.length - logStart),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpJson http = http();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance + " exited with " + process.exitValue() + "; see "
                        + LOGS.resolve(instance + ".log").toAbsolutePath());
            }
            try {
                if (http.get("/readyz").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // starting
            }
            sleep(250);
        }
        throw new IllegalStateException(instance + " was not ready within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ports handed out in this JVM: a port free now may be handed out again before its process binds it. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
