package io.outcall.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A second AMI client for tests: acts on the PBX the way an operator or another process would. */
final class RawAmi implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    RawAmi(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
        in.readLine();
        send("Action: Login\r\nUsername: admin\r\nSecret: admin_password\r\nEvents: off\r\nActionID: raw-login\r\n");
    }

    /** Sends one action (header lines with CRLF) and returns the response addressed to it. */
    String send(String action) throws IOException {
        String actionId = action.lines().filter(l -> l.startsWith("ActionID: ")).findFirst()
                .map(l -> l.substring(10)).orElseThrow(() -> new IllegalArgumentException("give the action an ActionID"));
        out.write((action + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        StringBuilder message = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isEmpty()) {
                message.append(line).append('\n');
                continue;
            }
            if (message.toString().contains("ActionID: " + actionId)) {
                return message.toString();
            }
            message.setLength(0);
        }
        throw new IOException("connection closed before the response to " + actionId);
    }

    String hangup(String channel, int cause) throws IOException {
        return send("Action: Hangup\r\nChannel: " + channel + "\r\nCause: " + cause + "\r\nActionID: raw-hangup-"
                + System.nanoTime() + "\r\n");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
