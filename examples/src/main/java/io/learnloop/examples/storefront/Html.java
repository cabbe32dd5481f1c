package io.learnloop.examples.storefront;

import io.learnloop.core.money.Money;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Escaping and the shared page layout of the demo storefront. Every piece of data written into a page goes through
 * {@link #esc(Object)}.
 */
final class Html {
    private Html() {
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param value any value; null becomes the empty string
     * @return the escaped text
     */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Where the stylesheet is served. */
    static final String STYLESHEET_PATH = "/assets/site.css";

    /**
     * Wraps a page body in the layout.
     *
     * @param title   the page title (escaped here)
     * @param learner the signed-in learner's id, or null
     * @param csrf    the session's form token, for the sign-out form
     * @param body    the body HTML (already escaped)
     * @return the whole page
     */
    static String page(String title, String learner, String csrf, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<title>" + esc(title) + " · Learnloop demo</title>"
                + "<link rel=\"stylesheet\" href=\"" + STYLESHEET_PATH + "\"></head><body>"
                + "<header><a class=\"brand\" href=\"/\">Learnloop</a>"
                + "<nav><a href=\"/\">Catalogue</a><a href=\"/learning\">My learning</a>"
                + "<a href=\"/community\">Community</a><a href=\"/verify\">Verify a certificate</a>"
                + "<a href=\"/operator\">Operator</a></nav>"
                + "<span class=\"who\" id=\"who\">" + (learner == null ? "<a href=\"/signin\" id=\"signin-link\">Sign in</a>"
                : "Signed in as " + esc(learner) + " <form class=\"inline\" method=\"post\" action=\"/signout\">"
                + csrfField(csrf) + "<button id=\"signout\">Sign out</button></form>") + "</span>"
                + "</header><main><h1>" + esc(title) + "</h1>" + body + "</main></body></html>";
    }

    /**
     * Formats money for display, e.g. {@code CNY 199.00}.
     *
     * @param money the amount
     * @return the escaped text
     */
    static String money(Money money) {
        return esc(money.currency().getCurrencyCode() + " " + money.toDecimalString());
    }

    /**
     * The hidden field that carries the session's form token; every form that posts holds one.
     *
     * @param csrf the session's form token
     * @return the field HTML
     */
    static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"" + Sessions.FORM_FIELD + "\" value=\"" + esc(csrf) + "\">";
    }

    /**
     * A one-button form.
     *
     * @param csrf   the session's form token
     * @param action the URL to post to (escaped here)
     * @param id     the button's id (escaped here)
     * @param label  the button text (escaped here)
     * @param hidden hidden fields (escaped here)
     * @return the form HTML
     */
    static String button(String csrf, String action, String id, String label, Map<String, String> hidden) {
        StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"").append(esc(action)).append("\">")
                .append(csrfField(csrf));
        hidden.forEach((k, v) -> b.append("<input type=\"hidden\" name=\"").append(esc(k)).append("\" value=\"")
                .append(esc(v)).append("\">"));
        return b.append("<button id=\"").append(esc(id)).append("\">").append(esc(label)).append("</button></form>").toString();
    }

    /**
     * Encodes a value for a URL query or path segment.
     *
     * @param value the value
     * @return the encoded value
     */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A notice from a redirect's query parameter, if any.
     *
     * @param text the notice, or null
     * @return the HTML
     */
    static String notice(String text) {
        return text == null || text.isBlank() ? "" : "<p class=\"notice\" id=\"notice\">" + esc(text) + "</p>";
    }

    /**
     * The stylesheet, read once from the class path.
     *
     * @return the CSS bytes
     */
    static byte[] stylesheet() {
        return STYLESHEET.clone();
    }

    private static final byte[] STYLESHEET = readStylesheet();

    private static byte[] readStylesheet() {
        try (InputStream in = Html.class.getResourceAsStream("site.css")) {
            if (in == null) {
                throw new IllegalStateException("site.css is missing from the class path beside " + Html.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the storefront's stylesheet", e);
        }
    }

    /**
     * A progress bar.
     *
     * @param percent 0 to 100
     * @return the HTML
     */
    static String bar(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        // a progress element rather than a styled span: the content security policy forbids inline styles
        return "<progress class=\"bar\" max=\"100\" value=\"" + p + "\"></progress> " + p + "%";
    }

    /**
     * Stars for a rating.
     *
     * @param rating 0 to 5, may be fractional
     * @return the HTML
     */
    static String stars(double rating) {
        int full = (int) Math.round(rating);
        return "<span class=\"stars\">" + "★".repeat(Math.max(0, Math.min(5, full))) + "☆".repeat(Math.max(0, 5 - full))
                + "</span>";
    }
}
