package app.meetingbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client connects to the address the guard checked, yet TLS still speaks to the URL's host name: the name goes
 * out as SNI and the certificate is checked against it (not against the address).
 */
class GuardedHttpClientTlsTest {

    static final char[] PASSWORD = "changeit".toCharArray();
    static final List<String> SERVER_NAMES = new CopyOnWriteArrayList<>();

    @TempDir
    static Path folder;

    static HttpsServer server;
    static SSLContext clientTrust;

    /** A certificate for hooks.example only (no IP address in it), made by the JDK's keytool. */
    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = folder.resolve("hooks.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hooks", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=hooks.example", "-ext", "SAN=dns:hooks.example", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(said).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        clientTrust = SSLContext.getInstance("TLS");
        clientTrust.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = serverTls.getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        SERVER_NAMES.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static GuardedHttpClient client() {
        HostResolver hooksIsHere = host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        return new GuardedHttpClient(new OutboundGuard(AllowList.parse("127.0.0.1"), hooksIsHere),
                Duration.ofSeconds(5), clientTrust);
    }

    @Test
    void sendsTheUrlsHostNameAsSniAndChecksTheCertificateAgainstIt() throws IOException {
        SERVER_NAMES.clear();
        try (GuardedHttpClient client = client()) {
            GuardedHttpClient.Answer answer = client.post("https://hooks.example:" + server.getAddress().getPort()
                    + "/hook", Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), 10);

            assertThat(answer.status()).isEqualTo(200);
        }
        assertThat(SERVER_NAMES).containsExactly("hooks.example");
    }

    @Test
    void refusesACertificateThatDoesNotNameTheUrlsHost() {
        try (GuardedHttpClient client = client()) {
            assertThatThrownBy(() -> client.post("https://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                    Map.of(), new byte[0], 10)).isInstanceOf(SSLException.class).hasMessageContaining("match");
        }
    }
}
