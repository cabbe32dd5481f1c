package io.learnloop.core.learning;

/**
 * Where in a lesson a note belongs: a moment of media time, or a range of characters of an article's text.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param mediaMillis the media time in milliseconds, or -1 for a text anchor
 * @param textStart   the first character of the text range, or -1 for a media anchor
 * @param textEnd     the character after the range, or -1 for a media anchor
 */
public record NoteAnchor(long mediaMillis, int textStart, int textEnd) {
    /**
     * An anchor at a moment of media time.
     *
     * @param seconds seconds from the start
     * @return the anchor
     */
    public static NoteAnchor atSecond(double seconds) {
        return new NoteAnchor(Math.round(seconds * 1000), -1, -1);
    }

    /**
     * An anchor on a range of an article's text.
     *
     * @param start the first character
     * @param end   the character after the range
     * @return the anchor
     */
    public static NoteAnchor textRange(int start, int end) {
        return new NoteAnchor(-1, start, end);
    }

    /**
     * Whether this anchors to media time.
     *
     * @return true for a media anchor
     */
    public boolean isMedia() {
        return mediaMillis >= 0;
    }

    /**
     * A short human-readable label: {@code [mm:ss]} or {@code [chars 10-42]}.
     *
     * @return the label
     */
    public String label() {
        if (isMedia()) {
            long s = mediaMillis / 1000;
            return s >= 3600 ? String.format("[%d:%02d:%02d]", s / 3600, s / 60 % 60, s % 60)
                    : String.format("[%02d:%02d]", s / 60, s % 60);
        }
        return "[chars " + textStart + "-" + textEnd + "]";
    }
}
