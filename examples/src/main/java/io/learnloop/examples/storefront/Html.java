package io.learnloop.examples.storefront;

import io.learnloop.core.money.Money;

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

    /**
     * Wraps a page body in the layout.
     *
     * @param title   the page title (escaped here)
     * @param learner the signed-in learner's id, or null
     * @param body    the body HTML (already escaped)
     * @return the whole page
     */
    static String page(String title, String learner, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"icon\" href=\"data:,\">"
                + "<title>" + esc(title) + " · Learnloop demo</title>"
                + "<style>" + CSS + "</style></head><body>"
                + "<header><a class=\"brand\" href=\"/\">Learnloop</a>"
                + "<nav><a href=\"/\">Catalogue</a><a href=\"/learning\">My learning</a>"
                + "<a href=\"/community\">Community</a><a href=\"/verify\">Verify a certificate</a>"
                + "<a href=\"/operator\">Operator</a></nav>"
                + "<span class=\"who\" id=\"who\">" + (learner == null ? "<a href=\"/signin\" id=\"signin-link\">Sign in</a>"
                : "Signed in as " + esc(learner) + " <form class=\"inline\" method=\"post\" action=\"/signout\">"
                + "<button id=\"signout\">Sign out</button></form>") + "</span>"
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
     * A one-button form.
     *
     * @param action the URL to post to (escaped here)
     * @param id     the button's id (escaped here)
     * @param label  the button text (escaped here)
     * @param hidden hidden fields (escaped here)
     * @return the form HTML
     */
    static String button(String action, String id, String label, Map<String, String> hidden) {
        StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"").append(esc(action)).append("\">");
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

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;color:#222}"
            + "header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#123;color:#fff}"
            + "header a{color:#fff;text-decoration:none;margin-right:.8rem}.brand{font-weight:bold}"
            + ".who{margin-left:auto;font-size:.9rem}main{max-width:60rem;margin:1rem auto;padding:0 1rem}"
            + ".card{border:1px solid #ddd;border-radius:6px;padding:.8rem;margin:.6rem 0}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}"
            + ".muted{color:#666}.ok{color:#070}.bad{color:#a00}button{padding:.3rem .8rem}"
            + "form.inline{display:inline;margin-right:.4rem}.notice{background:#eef6ff;border:1px solid #9bd;padding:.5rem}"
            + ".bar{background:#eee;border-radius:3px;height:.7rem;width:12rem;display:inline-block;vertical-align:middle}"
            + ".bar span{display:block;height:100%;background:#2a7;border-radius:3px}.price{font-weight:bold}"
            + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.8rem}"
            + ".md{white-space:pre-wrap}textarea{width:100%}input[type=text],input[type=search]{padding:.3rem}"
            + "label{display:block;margin:.3rem 0}.stars{color:#d90}img.chart{max-width:100%;border:1px solid #ddd}";

    /**
     * A progress bar.
     *
     * @param percent 0 to 100
     * @return the HTML
     */
    static String bar(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        return "<span class=\"bar\" title=\"" + p + "%\"><span style=\"width:" + p + "%\"></span></span> " + p + "%";
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
