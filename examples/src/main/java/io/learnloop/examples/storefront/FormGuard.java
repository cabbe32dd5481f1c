package io.learnloop.examples.storefront;

import io.learnloop.core.error.ForbiddenException;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses forged form posts: a post must come from one of the shop's own origins (by its {@code Origin} header, or its
 * {@code Referer} when a browser sends no origin) and carry the session's form token. A page on another site can make
 * the browser post to the shop with the learner's cookie, but it can neither send the shop's origin nor read the token.
 *
 * <p>Thread-safe: immutable.
 */
final class FormGuard {
    private final Set<String> ownOrigins;
    private final Sessions sessions;

    /**
     * Creates the guard.
     *
     * @param ownOrigins the origins the shop's pages are served from, e.g. {@code http://127.0.0.1:8080}
     * @param sessions   the session codec that derives form tokens
     */
    FormGuard(Set<String> ownOrigins, Sessions sessions) {
        this.ownOrigins = Set.copyOf(ownOrigins);
        this.sessions = sessions;
    }

    /**
     * Checks one form post.
     *
     * @param session the session the request came with
     * @param form    the posted form fields
     * @param headers the request headers (case-insensitive names)
     * @throws ForbiddenException when the post comes from another origin or lacks the session's token
     */
    void check(Session session, Map<String, String> form, Map<String, List<String>> headers) {
        String origin = first(headers, "Origin");
        if (origin != null) {
            if (!ownOrigins.contains(origin)) {
                throw new ForbiddenException("cross-origin form post from " + origin + " refused: forms are accepted only"
                        + " from this shop's own pages");
            }
        } else {
            String referer = first(headers, "Referer");
            if (referer != null && !ownOrigins.contains(originOf(referer))) {
                throw new ForbiddenException("cross-origin form post refused: forms are accepted only from this shop's"
                        + " own pages");
            }
        }
        if (!sessions.formTokenValid(session, form.get(Sessions.FORM_FIELD))) {
            throw new ForbiddenException("the form's security token is missing or belongs to another session; reload the"
                    + " page and submit the form again");
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0).trim();
    }

    private static String originOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
