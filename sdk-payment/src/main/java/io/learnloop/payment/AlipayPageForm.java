package io.learnloop.payment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The signed request that takes the payer's browser to Alipay's cashier, as an HTML form that submits itself by POST
 * (what the official SDK's {@code pageExecute} returns by default), for Alipay's {@link PaymentFlow#REDIRECT} (PC page
 * pay) and {@link PaymentFlow#WAP} (mobile website pay). The protocol parameters and {@code sign} travel in the
 * query of {@link #action()}, the business content ({@code biz_content}) as a hidden field. The same signed request
 * as one GET URL is {@link PaymentSession#redirectUrl()}.
 *
 * <p>Thread-safe: immutable record. The action URL holds the request signature, a per-payment value meant for the
 * payer's browser; it is left out of {@link #toString()} all the same.
 *
 * @param action the gateway URL with the signed protocol parameters, URL-encoded in UTF-8
 * @param fields the form fields, in order ({@code biz_content})
 */
public record AlipayPageForm(String action, Map<String, String> fields) implements ClientParameters {
    /**
     * Copies the fields.
     *
     * @param action the gateway URL with the signed protocol parameters
     * @param fields the form fields
     */
    public AlipayPageForm {
        Objects.requireNonNull(action, "action");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /**
     * The form as an HTML fragment that submits itself when the page loads: serve it as the body of a
     * {@code text/html;charset=utf-8} page. Every value is HTML-escaped, so a browser submits exactly the signed
     * values.
     *
     * @return the HTML
     */
    public String html() {
        StringBuilder b = new StringBuilder("<form name=\"punchout_form\" method=\"post\" action=\"")
                .append(escape(action)).append("\">\n");
        fields.forEach((name, value) -> b.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        return b.append("<input type=\"submit\" value=\"立即支付\" style=\"display:none\">\n</form>\n")
                .append("<script>document.forms[0].submit();</script>").toString();
    }

    /** Escapes for a double-quoted attribute; the browser turns every entity back into the signed character. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        int q = action.indexOf('?');
        return "AlipayPageForm[action=" + (q < 0 ? action : action.substring(0, q) + "?(signed)") + ", fields="
                + fields.keySet() + "]";
    }
}
