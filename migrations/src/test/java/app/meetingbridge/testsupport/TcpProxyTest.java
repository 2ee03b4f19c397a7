package app.meetingbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    @Test
    void noConnectionOpenedAroundACutOutlivesIt() throws Exception {
        try (ServerSocket echo = echoServer(); TcpProxy proxy = new TcpProxy("127.0.0.1", echo.getLocalPort())) {
            Deque<Socket> latest = new ConcurrentLinkedDeque<>();
            CountDownLatch connecting = new CountDownLatch(1);
            AtomicBoolean refused = new AtomicBoolean();
            Thread dialler = new Thread(() -> {
                while (true) { // until the cut refuses it: the cut always lands while connections are being made
                    try {
                        latest.addLast(new Socket(InetAddress.getLoopbackAddress(), proxy.port()));
                        connecting.countDown();
                        if (latest.size() > 50) {
                            latest.pollFirst().close(); // only the connections made around the cut matter
                        }
                    } catch (IOException cut) {
                        refused.set(true);
                        return;
                    }
                }
            });
            dialler.start();
            assertThat(connecting.await(60, TimeUnit.SECONDS)).isTrue();

            proxy.cut();
            dialler.join(60_000);

            assertThat(refused).as("the dialler was still dialling when the cut came").isTrue();
            for (Socket client : latest) {
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
        client.setSoTimeout(30_000); // an answer or a close; a busy machine may be slow with either
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
