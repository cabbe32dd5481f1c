package io.learnloop.recommend.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of the OULAD CSV dialect: comma-separated, fields optionally in double quotes (a doubled quote
 * inside a quoted field is a quote), CRLF already removed by the reader.
 *
 * <p>Thread-safe: static helpers without state.
 */
final class Csv {
    private Csv() {
    }

    /**
     * Splits a line into fields.
     *
     * @param file   the file name, for errors
     * @param number the line number, for errors
     * @param line   the line
     * @return the fields, unquoted
     * @throws DataFileException if a quote is not closed
     */
    static List<String> fields(String file, long number, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DataFileException(file, number, "a quoted field is not closed");
        }
        out.add(field.toString());
        return out;
    }
}
