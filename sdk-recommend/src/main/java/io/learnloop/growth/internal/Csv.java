package io.learnloop.growth.internal;

import java.util.List;

/**
 * Writes RFC 4180 CSV with numbers in a locale-independent form.
 *
 * <p>Not thread-safe.
 */
public final class Csv {
    private final StringBuilder out = new StringBuilder();
    private final int columns;

    /**
     * Starts a table with a header row.
     *
     * @param header the column names
     */
    public Csv(List<String> header) {
        this.columns = header.size();
        appendRow(List.copyOf(header));
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column: numbers, text or null for empty
     * @return this table
     */
    public Csv row(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + columns);
        }
        appendRow(cells);
        return this;
    }

    private void appendRow(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        String text = value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
