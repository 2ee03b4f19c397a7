package app.meetingbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP forwarder in front of a real server, for tests that take the server away and bring it back:
 * {@link #cut()} drops every connection and refuses new ones, {@link #restore()} accepts again;
 * {@link #tamperOnce} breaks what the server sends at a byte offset of a connection (truncation, corruption).
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private final AtomicReference<Tamper> tamper = new AtomicReference<>();

    /** What happens to the server's bytes: the connection ends there, or that byte arrives flipped. */
    public enum Damage { CUT, FLIP }

    private record Tamper(long offset, Damage damage) {
    }

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    public int port() {
        return port;
    }

    /**
     * The first server-to-client stream (of any connection) to reach {@code offset} bytes is damaged there,
     * once; later streams pass untouched.
     */
    public void tamperOnce(long offset, Damage damage) {
        tamper.set(new Tamper(offset, damage));
    }

    /**
     * Closes every forwarded connection and stops listening, as if the server went away. Returns once the port is
     * free: the JDK closes a listening socket that a thread is blocked accepting on only when that thread wakes, so
     * this waits for the accepting thread to end (a {@link #restore()} right after would otherwise find the port
     * still taken).
     */
    public void cut() throws IOException {
        Thread accepting;
        synchronized (this) {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
            open.clear();
            accepting = acceptor;
        }
        // outside the lock: the accepting thread may be waiting for it in track() before it sees the close
        try {
            accepting.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the proxy stopped listening", e);
        }
    }

    /** Listens again on the same port. */
    public synchronized void restore() throws IOException {
        if (server.isClosed()) {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            startAccepting(server);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void startAccepting(ServerSocket listening) {
        Thread accepting = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    if (!track(listening, client)) {
                        continue;
                    }
                    Socket upstream = new Socket(targetHost, targetPort);
                    if (!track(listening, upstream)) {
                        closeQuietly(client);
                        continue;
                    }
                    pump(client, upstream, null);
                    pump(upstream, client, tamper);
                } catch (IOException e) {
                    // closed by cut(), or the target refused: the client sees its connection fail
                }
            }
        }, "tcp-proxy-" + port);
        accepting.setDaemon(true);
        accepting.start();
        acceptor = accepting;
    }

    /**
     * Keeps a socket for {@link #cut()} to close, unless the cut already happened while the socket was being
     * opened: then it is closed at once, so no connection outlives a cut.
     */
    private synchronized boolean track(ServerSocket listening, Socket socket) {
        if (listening.isClosed()) {
            closeQuietly(socket);
            return false;
        }
        open.add(socket);
        return true;
    }

    private static void pump(Socket from, Socket to, AtomicReference<Tamper> tamper) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                if (tamper == null) {
                    in.transferTo(out);
                } else {
                    copyTampered(in, out, tamper);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void copyTampered(InputStream in, OutputStream out, AtomicReference<Tamper> tamper)
            throws IOException {
        byte[] buffer = new byte[8192];
        long sent = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            Tamper armed = tamper.get();
            if (armed != null && sent + n > armed.offset() && tamper.compareAndSet(armed, null)) {
                int at = (int) (armed.offset() - sent);
                if (armed.damage() == Damage.CUT) {
                    out.write(buffer, 0, at);
                    out.flush();
                    return;
                }
                buffer[at] ^= 0x5A;
            }
            out.write(buffer, 0, n);
            out.flush();
            sent += n;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
