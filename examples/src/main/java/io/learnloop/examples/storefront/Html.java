package io.learnloop.examples.storefront;

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
                + "<title>" + esc(title) + " · Learnloop demo</title>"
                + "<style>" + CSS + "</style></head><body>"
                + "<header><a class=\"brand\" href=\"/\">Learnloop</a>"
                + "<nav><a href=\"/\">Catalogue</a><a href=\"/learning\">My learning</a>"
                + "<a href=\"/community\">Community</a><a href=\"/operator\">Operator</a></nav>"
                + "<span class=\"who\" id=\"who\">" + (learner == null ? "" : "Signed in as " + esc(learner)) + "</span>"
                + "</header><main><h1>" + esc(title) + "</h1>" + body + "</main></body></html>";
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:0;color:#222}"
            + "header{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#123;color:#fff}"
            + "header a{color:#fff;text-decoration:none;margin-right:.8rem}.brand{font-weight:bold}"
            + ".who{margin-left:auto;font-size:.9rem}main{max-width:60rem;margin:1rem auto;padding:0 1rem}"
            + ".card{border:1px solid #ddd;border-radius:6px;padding:.8rem;margin:.6rem 0}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.3rem .6rem;text-align:left}"
            + ".muted{color:#666}.ok{color:#070}.bad{color:#a00}button{padding:.3rem .8rem}";
}
