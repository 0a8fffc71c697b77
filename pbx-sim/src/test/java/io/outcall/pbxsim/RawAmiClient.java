package io.outcall.pbxsim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A deliberately tiny AMI client for tests: raw socket, a reader thread that splits the stream into messages,
 * and waits that poll the received list. Keeps every message so tests can inspect whole sequences.
 */
final class RawAmiClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(90); // only there to avoid hanging a broken build; a loaded CI box is slow

    /** One received message, headers in order (first occurrence wins for lookups). */
    record Msg(List<String[]> headers) {
        String get(String name) {
            for (String[] h : headers) {
                if (h[0].equals(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String event() {
            return get("Event");
        }

        boolean isEvent(String name) {
            return name.equals(event());
        }

        Map<String, String> asMap() {
            Map<String, String> m = new LinkedHashMap<>();
            headers.forEach(h -> m.putIfAbsent(h[0], h[1]));
            return m;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final List<Msg> received = new ArrayList<>();
    private final CountDownLatch eof = new CountDownLatch(1);
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private volatile String banner;

    private RawAmiClient(Socket socket, boolean startReader) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        if (startReader) {
            Thread.ofVirtual().start(this::readLoop);
        }
    }

    static RawAmiClient connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        return new RawAmiClient(s, true);
    }

    /** A client that never reads, with a tiny receive window: the slow consumer of trace 17. */
    static RawAmiClient connectNonReading(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(2048);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new RawAmiClient(s, false);
    }

    /** Bounds every later read of {@link #rawInput()}, so a test fails instead of hanging. */
    void readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    InputStream rawInput() throws IOException {
        return socket.getInputStream();
    }

    void send(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void login() throws IOException {
        send("Action: Login", "Username: admin", "Secret: admin_password", "Events: on", "ActionID: login-1");
        await(m -> "login-1".equals(m.get("ActionID")));
        await(m -> m.isEvent("FullyBooted"));
    }

    String banner() {
        awaitCondition(() -> banner != null);
        return banner;
    }

    Msg await(Predicate<Msg> p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                for (Msg m : received) {
                    if (p.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || eof.getCount() == 0 && !anyMatch(p)) {
                    throw new AssertionError("no matching message; received " + received.size()
                            + (eof.getCount() == 0 ? " (connection closed)" : ""));
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private boolean anyMatch(Predicate<Msg> p) {
        return received.stream().anyMatch(p);
    }

    /** Scans incrementally, so waiting for the 100,000th event does not rescan the first 99,999 each time. */
    void awaitCount(Predicate<Msg> p, int count) {
        int[] scanned = {0};
        int[] found = {0};
        awaitCondition(() -> {
            for (; scanned[0] < received.size(); scanned[0]++) {
                if (p.test(received.get(scanned[0]))) {
                    found[0]++;
                }
            }
            return found[0] >= count;
        });
    }

    List<Msg> matching(Predicate<Msg> p) {
        synchronized (received) {
            return received.stream().filter(p).toList();
        }
    }

    List<Msg> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    boolean awaitClosed() {
        try {
            return eof.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    byte[] rawBytes() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || eof.getCount() == 0) {
                    throw new AssertionError("condition not met; received " + received.size()
                            + (eof.getCount() == 0 ? " (connection closed)" : ""));
                }
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            StringBuilder line = new StringBuilder();
            List<String[]> headers = new ArrayList<>();
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (raw) {
                    raw.write(chunk, 0, n);
                }
                List<Msg> complete = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    char ch = (char) (chunk[i] & 0xff);
                    if (ch != '\n') {
                        line.append(ch);
                        continue;
                    }
                    String text = line.toString();
                    line.setLength(0);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (banner == null) {
                        banner = text;
                    } else if (text.isEmpty()) {
                        if (!headers.isEmpty()) {
                            complete.add(new Msg(List.copyOf(headers)));
                            headers.clear();
                        }
                    } else {
                        int colon = text.indexOf(": ");
                        headers.add(colon < 0 ? new String[] {text.replace(":", ""), ""}
                                : new String[] {text.substring(0, colon), text.substring(colon + 2)});
                    }
                }
                synchronized (received) {
                    received.addAll(complete);
                    received.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // closed
        } finally {
            eof.countDown();
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
