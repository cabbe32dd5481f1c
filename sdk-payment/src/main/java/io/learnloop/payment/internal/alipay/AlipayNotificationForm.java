package io.learnloop.payment.internal.alipay;

import io.learnloop.payment.internal.notification.LogText;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code application/x-www-form-urlencoded} body of an Alipay notification into its parameters, before the
 * signature is checked. A parameter given more than once is refused, also when the copies agree or are spelt
 * differently ({@code total_amount} and {@code %74otal_amount}): Alipay sends each parameter once, and which copy a
 * reader keeps (the last, with a plain map) decides what it grants, so a repeat is never guessed at. Stateless.
 */
public final class AlipayNotificationForm {
    private static final String CHARSET = "charset";

    private AlipayNotificationForm() {
    }

    /**
     * The decoded parameters, or why the body is not a form Alipay sends.
     *
     * @param params  the parameters, each name once; null when {@code problem} is set
     * @param problem null when read, otherwise what is wrong (for the MALFORMED rejection)
     */
    public record Parsed(Map<String, String> params, String problem) {
    }

    /**
     * Reads a form body.
     *
     * @param body the raw body
     * @return the parameters, or the problem
     */
    public static Parsed parse(byte[] body) {
        // ISO-8859-1 keeps every byte as one char, so percent-escapes are decoded in the declared charset below
        String[] pairs = new String(body, StandardCharsets.ISO_8859_1).split("&");
        try {
            Charset charset = declaredCharset(pairs);
            Map<String, String> params = new HashMap<>();
            for (String pair : pairs) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                if (params.putIfAbsent(name, value) != null) {
                    return new Parsed(null, "the parameter " + LogText.quote(name)
                            + " is given more than once; Alipay sends each parameter once");
                }
            }
            return new Parsed(Map.copyOf(params), null);
        } catch (IllegalArgumentException e) {
            // a broken percent-escape, or a charset name that is illegal or unknown to this JVM
            return new Parsed(null, "the body is not a form-encoded Alipay notification (a broken %-escape or an unknown charset)");
        }
    }

    /** The charset parameter names the encoding of the other values; its own name and value are ASCII. */
    private static Charset declaredCharset(String[] pairs) {
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0 && CHARSET.equals(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.ISO_8859_1))) {
                String declared = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.ISO_8859_1).trim();
                // a second charset parameter is refused as a repeat by the caller
                return declared.isEmpty() ? StandardCharsets.UTF_8 : Charset.forName(declared);
            }
        }
        return StandardCharsets.UTF_8;
    }
}
