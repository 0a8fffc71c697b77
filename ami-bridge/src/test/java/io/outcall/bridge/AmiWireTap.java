package io.outcall.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sits on the wire between the bridge and the PBX: relays both ways and keeps what the bridge sent,
 * so a test reads an action exactly as Asterisk would receive it. One bridge session at a time.
 */
final class AmiWireTap implements AutoCloseable {

    private final ServerSocket server;
    private final int pbxPort;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    AmiWireTap(int pbxPort) throws IOException {
        this.pbxPort = pbxPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("wire-tap-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The Originate the bridge sent for {@code callId} (its ChannelId), header lines as sent; fails when there is none. */
    List<String> originateOf(String callId) {
        String text;
        synchronized (sent) {
            text = sent.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(text.split("\r\n\r\n")).map(action -> List.of(action.split("\r\n")))
                .filter(lines -> lines.stream().map(AmiWireTap::lower).toList()
                        .containsAll(List.of("action: originate", "channelid: " + lower(callId))))
                .findFirst().orElseThrow(() -> new AssertionError("the bridge sent no Originate for " + callId));
    }

    /** AMI header names are case-insensitive, and asterisk-java writes them in lower case. */
    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket bridge = server.accept();
                Socket pbx = new Socket(InetAddress.getLoopbackAddress(), pbxPort);
                Thread.ofPlatform().daemon().name("wire-tap-up").start(() -> relay(bridge, pbx, true));
                Thread.ofPlatform().daemon().name("wire-tap-down").start(() -> relay(pbx, bridge, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean keep) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (keep) {
                    synchronized (sent) {
                        sent.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException gone) {
            // one side closed: the session is over
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
