package dev.polyref.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on localhost that delivers every chunk of bytes it reads a fixed delay after reading it, in each
 * direction: a network with that one-way latency (a round trip costs twice the delay) and unlimited bandwidth.
 * Honest where {@code pg_sleep} is not: the delay falls on the wire, per round trip, not per statement. Two
 * threads per direction (reader, delayed writer), so bytes keep flowing while earlier ones wait.
 */
final class LatencyProxy implements AutoCloseable {

    private record Packet(long due, byte[] bytes) {}

    private static final Packet EOF = new Packet(0, new byte[0]);

    private final ServerSocket server;
    private final long delayNanos;
    private final String host;
    private final int targetPort;

    LatencyProxy(int targetPort, long delayMicros) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.delayNanos = delayMicros * 1_000;
        this.host = InetAddress.getLoopbackAddress().getHostAddress();
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) throws IOException {
        BlockingQueue<Packet> queue = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    queue.add(new Packet(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException ignored) {
                // connection closed
            }
            queue.add(EOF);
        }, "latency-proxy-read");
        Thread writer = new Thread(() -> {
            try {
                for (Packet p; (p = queue.take()) != EOF; ) {
                    for (long wait; (wait = p.due() - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(p.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // connection closed
            }
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }, "latency-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
