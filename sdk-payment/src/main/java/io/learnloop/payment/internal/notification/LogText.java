package io.learnloop.payment.internal.notification;

/**
 * Sender-chosen text (a form parameter's or a header's name) made fit for a rejection's detail, which ends up in
 * logs: shortened, and with control characters replaced so one delivery cannot forge log lines. Stateless.
 */
public final class LogText {
    private static final int MAX_CHARS = 64;

    private LogText() {
    }

    /**
     * The text in single quotes, at most 64 characters of it, control characters as {@code ?}.
     *
     * @param text the sender's text, may be null
     * @return the quoted excerpt
     */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 5).append('\'');
        for (int i = 0; i < text.length() && i < MAX_CHARS; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (text.length() > MAX_CHARS) {
            b.append('…');
        }
        return b.append('\'').toString();
    }
}
