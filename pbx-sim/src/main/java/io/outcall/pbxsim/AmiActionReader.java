package io.outcall.pbxsim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a client's byte stream into actions: {@code Name: value} lines ended by CRLF (a bare LF is accepted as
 * Asterisk does), an empty line ends the action. Not thread-safe; one per connection.
 */
final class AmiActionReader {

    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    AmiActionReader(InputStream in) {
        this.in = in;
    }

    /** Next action, or null at end of stream. */
    AmiAction next() throws IOException {
        List<AmiAction.Header> headers = new ArrayList<>();
        while (true) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (text.isEmpty()) {
                if (!headers.isEmpty()) {
                    return new AmiAction(headers);
                }
                continue; // stray blank lines between actions are harmless
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                continue; // Asterisk ignores lines without a header name as well
            }
            String value = text.substring(colon + 1);
            headers.add(new AmiAction.Header(text.substring(0, colon).trim(), value.strip()));
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes");
            }
            line[length++] = (byte) b;
        }
    }
}
