package io.outcall.bench.throughput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP relay between the bridge and the PBX simulator that counts what crosses the wire: AMI
 * messages from the PBX (events and responses, by event name) and bytes. It lives in the
 * benchmark's service process, so counting costs the bridge nothing; it only copies bytes.
 *
 * <p>A message ends with an empty line (CRLF CRLF); its kind is its first header: {@code Event:}
 * or {@code Response:}. The banner line before the first message is skipped.
 */
final class AmiRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final LongAdder events = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final LongAdder bytesUp = new LongAdder();
    private final Map<String, LongAdder> eventNames = new ConcurrentHashMap<>();
    private volatile boolean closed;

    AmiRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    long events() {
        return events.sum();
    }

    long responses() {
        return responses.sum();
    }

    long bytesDown() {
        return bytesDown.sum();
    }

    /** Events seen on the wire so far, by AMI event name. */
    Map<String, Long> eventNames() {
        Map<String, Long> out = new TreeMap<>();
        eventNames.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("proxy-down").start(() -> pumpDown(upstream, client));
                Thread.ofPlatform().daemon().name("proxy-up").start(() -> pumpUp(client, upstream));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy: accept failed: " + e);
                }
            }
        }
    }

    /** Client to PBX: actions, copied as they are. */
    private void pumpUp(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                bytesUp.add(n);
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** PBX to client: copied, and every message counted. */
    private void pumpDown(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        MessageCounter counter = new MessageCounter();
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                bytesDown.add(n);
                counter.scan(buffer, n);
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Splits the byte stream into messages without copying it; keeps only each message's first line. */
    private final class MessageCounter {
        private int lastFour;
        private boolean inBanner = true;
        private boolean atStart;
        private boolean inFirstLine;
        private final StringBuilder firstLine = new StringBuilder(64);

        void scan(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                lastFour = (lastFour << 8) | (b & 0xff);
                if (inBanner) {
                    if (b == '\n') {
                        inBanner = false;
                        atStart = true;
                    }
                    continue;
                }
                if (atStart) {
                    if (b == '\r' || b == '\n') {
                        continue;
                    }
                    atStart = false;
                    inFirstLine = true;
                    firstLine.setLength(0);
                }
                if (inFirstLine) {
                    if (b == '\r' || b == '\n') {
                        inFirstLine = false;
                        classify(firstLine);
                    } else if (firstLine.length() < 64) {
                        firstLine.append((char) b);
                    }
                }
                if (lastFour == 0x0d0a0d0a) {
                    atStart = true;
                }
            }
        }

        private void classify(CharSequence line) {
            String s = line.toString();
            int colon = s.indexOf(':');
            String key = colon < 0 ? s : s.substring(0, colon).trim();
            if (key.equalsIgnoreCase("Event")) {
                events.increment();
                eventNames.computeIfAbsent(s.substring(colon + 1).trim(), k -> new LongAdder()).increment();
            } else if (key.equalsIgnoreCase("Response")) {
                responses.increment();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    static String describe(Map<String, Long> names, double perCallDivisor) {
        StringBuilder out = new StringBuilder();
        names.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(e.getKey()).append('=').append(String.format(java.util.Locale.ROOT, "%.1f",
                    e.getValue() / perCallDivisor));
        });
        return out.toString();
    }
}
