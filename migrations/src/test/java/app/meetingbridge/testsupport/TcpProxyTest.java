package app.meetingbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    @Test
    void noConnectionOpenedAroundACutOutlivesIt() throws Exception {
        try (ServerSocket echo = echoServer(); TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort())) {
            List<Socket> clients = new CopyOnWriteArrayList<>();
            CountDownLatch connecting = new CountDownLatch(1);
            Thread dialler = new Thread(() -> {
                for (int i = 0; i < 400; i++) {
                    try {
                        clients.add(new Socket(InetAddress.getLoopbackAddress(), proxy.port()));
                        connecting.countDown();
                    } catch (IOException refused) {
                        return; // the cut happened
                    }
                }
            });
            dialler.start();
            assertThat(connecting.await(10, TimeUnit.SECONDS)).isTrue();

            proxy.cut();
            dialler.join(10_000);

            assertThat(clients).isNotEmpty();
            for (Socket client : clients) {
                assertThat(answersThroughProxy(client)).as("a connection made around the cut still answers").isFalse();
                client.close();
            }
        }
    }

    @Test
    void carriesBytesBothWaysAgainOnceRestored() throws Exception {
        try (ServerSocket echo = echoServer(); TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort())) {
            proxy.cut();
            proxy.restore();

            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                assertThat(answersThroughProxy(client)).isTrue();
            }
        }
    }

    /** Writes a byte and waits for its echo; false when the connection is closed instead. */
    private static boolean answersThroughProxy(Socket client) throws IOException {
        client.setSoTimeout(5_000);
        try {
            OutputStream out = client.getOutputStream();
            out.write(42);
            out.flush();
            InputStream in = client.getInputStream();
            return in.read() == 42;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException closed) {
            return false;
        }
    }

    private static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread echo = new Thread(() -> {
                        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // the proxy closed it
                        }
                    });
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
