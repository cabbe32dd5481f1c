package io.learnloop.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of the catalogue listing, which the catalogue reads by position. Its text is private to this
 * API: clients pass it back unchanged.
 */
final class OffsetCursor {
    private static final String PREFIX = "catalogue:";

    private OffsetCursor() {
    }

    static String of(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offset(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below; NumberFormatException is an IllegalArgumentException
        }
        throw RestFailure.invalid("cursor", "is not a cursor this listing issued; start again without one");
    }
}
