package dev.polyref.generic;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A pgjdbc {@code socketFactory} that measures what the driver writes before it reads: a <em>burst</em> is
 * everything written between two reads, i.e. one network round trip. The deadlock of a multi-statement call
 * needs a burst bigger than the socket buffers, so the largest burst is what one-round-trip mode must bound.
 * Counts are static (pgjdbc makes the factory by class name); only one test's connection may use it at a time.
 */
public final class CountingSocketFactory extends SocketFactory {

    private static final Object LOCK = new Object();
    private static boolean writing;
    private static long burst;
    private static long largestBurst;
    private static int bursts;

    /** Starts counting from zero; call it between round trips (no burst in progress). */
    static void reset() {
        synchronized (LOCK) {
            writing = false;
            burst = 0;
            largestBurst = 0;
            bursts = 0;
        }
    }

    /** @return round trips since {@link #reset()}: bursts of writes, each followed by a read */
    static int bursts() {
        synchronized (LOCK) {
            return bursts;
        }
    }

    /** @return the most bytes written in one burst since {@link #reset()} */
    static long largestBurst() {
        synchronized (LOCK) {
            return largestBurst;
        }
    }

    private static void wrote(int bytes) {
        synchronized (LOCK) {
            if (!writing) {
                writing = true;
                bursts++;
                burst = 0;
            }
            burst += bytes;
            largestBurst = Math.max(largestBurst, burst);
        }
    }

    private static void reading() {
        synchronized (LOCK) {
            writing = false;
        }
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new CountingSocket();
        socket.connect(new java.net.InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("pgjdbc connects an unconnected socket");
    }

    private static final class CountingSocket extends Socket {

        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        reading();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        reading();
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        wrote(1);
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        wrote(len);
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }
    }
}
