package io.outcall.core.dnc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of an import file: one number a line, optionally a second column with the reason,
 * cells optionally in double quotes, an optional header line (a first line with letters but no
 * digits, such as {@code number,reason}), blank lines skipped.
 */
final class DncCsv {

    private static final Pattern HEADER = Pattern.compile("[^0-9]*[A-Za-z][^0-9]*");

    /** @param columns the cells of a line with the right number of them, or null with {@code problem} set */
    record Line(int number, String raw, List<String> columns, String problem) {
    }

    private DncCsv() {
    }

    /** @throws ImportTooLargeException past {@code maxLines} non-blank lines, before reading further */
    static List<Line> read(String text, int maxLines) {
        List<Line> lines = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        boolean first = true;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String raw = text.substring(start, end);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            lineNumber++;
            start = end + 1;
            if (raw.isBlank()) {
                continue;
            }
            if (first && HEADER.matcher(raw).matches()) {
                first = false;
                continue;
            }
            first = false;
            if (lines.size() == maxLines) {
                throw new ImportTooLargeException(lineNumber);
            }
            lines.add(line(lineNumber, raw));
        }
        return lines;
    }

    private static Line line(int number, String raw) {
        List<String> cells = new ArrayList<>(2);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return new Line(number, raw, null, "has a quote that is never closed");
        }
        cells.add(cell.toString().strip());
        if (cells.size() > 2) {
            return new Line(number, raw, null, "has " + cells.size() + " columns; a line is a number and,"
                    + " optionally, a reason: +14045550123,asked by phone");
        }
        return new Line(number, raw, cells, null);
    }
}
