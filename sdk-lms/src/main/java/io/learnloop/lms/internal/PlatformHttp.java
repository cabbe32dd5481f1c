package io.learnloop.lms.internal;

import io.learnloop.core.json.LearnloopJson;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the platform's endpoints: JSON in the IMS media types, RFC 7807 problems, RFC 6749 token errors and
 * the OIDC form_post page.
 *
 * <p>Thread-safe: static functions only ({@link SecureRandom} is thread-safe).
 */
final class PlatformHttp {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformHttp() {
    }

    static LtiHttpResponse json(int status, String mediaType, Object body) {
        return new LtiHttpResponse(status, Map.of("Content-Type", mediaType), LearnloopJson.toJson(body), null);
    }

    static LtiHttpResponse json(int status, String mediaType, Object body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", mediaType);
        return new LtiHttpResponse(status, headers, LearnloopJson.toJson(body), null);
    }

    static LtiHttpResponse noContent() {
        return new LtiHttpResponse(204, Map.of(), "", null);
    }

    /** An RFC 7807 problem; 401 answers carry the bearer challenge (RFC 6750). */
    static LtiHttpResponse problem(LtiException e) {
        int status = status(e.problem());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://learnloop.io/problems/lti/" + e.problem().name().toLowerCase(java.util.Locale.ROOT));
        body.put("title", e.problem().name());
        body.put("status", status);
        body.put("detail", e.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        } else if (status == 403 && e.problem() == Problem.INSUFFICIENT_SCOPE) {
            headers.put("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        }
        return new LtiHttpResponse(status, headers, LearnloopJson.toJson(body), e.problem());
    }

    static int status(Problem problem) {
        return switch (problem) {
            case INVALID_ACCESS_TOKEN -> 401;
            case INSUFFICIENT_SCOPE, LOGIN_REQUIRED -> 403;
            case UNKNOWN_LINE_ITEM -> 404;
            case STALE_SCORE -> 409;
            case JWKS_UNAVAILABLE -> 503;
            default -> 400;
        };
    }

    /** An RFC 6749 section 5.2 error of the token endpoint. */
    static LtiHttpResponse tokenError(String error, LtiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", e.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        int status = "invalid_client".equals(error) ? 401 : e.problem() == Problem.JWKS_UNAVAILABLE ? 503 : 400;
        return new LtiHttpResponse(status, headers, LearnloopJson.toJson(body), e.problem());
    }

    /** The OIDC form_post response: a page that posts the fields to the redirect URI as soon as it loads. */
    static LtiHttpResponse formPost(int status, String action, Map<String, String> fields, Problem problem) {
        StringBuilder html = new StringBuilder(512);
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Launching</title></head>")
                .append("<body onload=\"document.forms[0].submit()\">\n<form method=\"post\" action=\"")
                .append(escape(action)).append("\">\n");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            html.append("<input type=\"hidden\" name=\"").append(escape(f.getKey())).append("\" value=\"")
                    .append(escape(f.getValue())).append("\">\n");
        }
        html.append("<noscript><button type=\"submit\">Continue</button></noscript>\n</form></body></html>\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        // The page carries a bearer credential (the id_token): no cache may keep it, no frame of another site read it.
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Security-Policy", "frame-ancestors 'none'");
        return new LtiHttpResponse(status, headers, html.toString(), problem);
    }

    static LtiHttpResponse plain(int status, LtiException e) {
        return new LtiHttpResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control",
                "no-store"), e.getMessage(), e.problem());
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A secret: 32 random bytes, URL-safe. Not from the facade's id generator, which tests make predictable. */
    static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
