package io.learnloop.http.internal;

import okhttp3.FormBody;
import okhttp3.HttpUrl;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One request as a peer client describes it, before it is signed: method, URL, headers, body, and whether it
 * carries an idempotency key the peer honours. Signers return a copy with their headers or parameters added.
 *
 * <p>{@link #toString()} names the method and the path only: queries carry signatures and ids, headers carry keys.
 *
 * <p>Thread-safe: immutable (the body array is never handed out).
 */
public final class HttpRequest {
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String FORM = "application/x-www-form-urlencoded";

    private final String method;
    private final HttpUrl url;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> form;
    private final boolean idempotencyKey;

    private HttpRequest(String method, HttpUrl url, Map<String, String> headers, byte[] body, String contentType,
                        Map<String, String> form, boolean idempotencyKey) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.contentType = contentType;
        this.form = form;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * Starts a GET.
     *
     * @param url the absolute URL, query included
     * @return a builder
     * @throws IllegalArgumentException if the URL is not an http(s) URL
     */
    public static Builder get(String url) {
        return new Builder("GET", url);
    }

    /**
     * Starts a POST.
     *
     * @param url the absolute URL
     * @return a builder
     * @throws IllegalArgumentException if the URL is not an http(s) URL
     */
    public static Builder post(String url) {
        return new Builder("POST", url);
    }

    /**
     * Starts a request with any method.
     *
     * @param method the method, upper case
     * @param url    the absolute URL
     * @return a builder
     * @throws IllegalArgumentException if the URL is not an http(s) URL
     */
    public static Builder of(String method, String url) {
        return new Builder(method, url);
    }

    /**
     * Where a URL points: its scheme, host and port (the scheme's default port when none is written), so two URLs
     * can be compared before credentials are sent to the second.
     *
     * @param url the URL, may be null
     * @return for example {@code https://api.mch.weixin.qq.com:443}, or null when it is not an http(s) URL
     */
    public static String origin(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        return parsed == null ? null : parsed.scheme() + "://" + parsed.host() + ":" + parsed.port();
    }

    /**
     * The method.
     *
     * @return the method, upper case
     */
    public String method() {
        return method;
    }

    /**
     * The whole URL, encoded.
     *
     * @return the URL
     */
    public String url() {
        return url.toString();
    }

    /**
     * The encoded path, without the query (safe to log).
     *
     * @return the path
     */
    public String path() {
        return url.encodedPath();
    }

    /**
     * The encoded path and query as they go on the wire (what WeChat Pay signs).
     *
     * @return the path, then {@code ?} and the query if there is one
     */
    public String pathAndQuery() {
        String query = url.encodedQuery();
        return query == null ? url.encodedPath() : url.encodedPath() + "?" + query;
    }

    /**
     * The decoded query parameters in order (a repeated name keeps its last value).
     *
     * @return the parameters
     */
    public Map<String, String> queryParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < url.querySize(); i++) {
            String value = url.queryParameterValue(i);
            m.put(url.queryParameterName(i), value == null ? "" : value);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * One header.
     *
     * @param name the name, in any case
     * @return the value, or null
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * All headers.
     *
     * @return the headers, read-only, names case-insensitive
     */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /**
     * The form parameters of a form body, in order.
     *
     * @return the parameters, empty when the body is not a form
     */
    public Map<String, String> form() {
        return form == null ? Map.of() : Collections.unmodifiableMap(form);
    }

    /**
     * The body bytes as sent (a form is encoded).
     *
     * @return a copy of the body, or null when there is none
     */
    public byte[] body() {
        if (form != null) {
            FormBody.Builder b = new FormBody.Builder(StandardCharsets.UTF_8);
            form.forEach(b::add);
            FormBody encoded = b.build();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < encoded.size(); i++) {
                s.append(i == 0 ? "" : "&").append(encoded.encodedName(i)).append('=').append(encoded.encodedValue(i));
            }
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }
        return body == null ? null : body.clone();
    }

    /**
     * The body's media type.
     *
     * @return the content type, or null without a body
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Whether the request may be sent again after it may have reached the peer: its method is idempotent, or it
     * carries an idempotency key the peer honours.
     *
     * @return true if repeating it cannot act twice
     */
    public boolean repeatable() {
        return idempotencyKey || IDEMPOTENT_METHODS.contains(method);
    }

    /**
     * Whether the method only reads (GET, HEAD, OPTIONS), so the peer cannot have acted on it.
     *
     * @return true for a read
     */
    public boolean readOnly() {
        return READ_ONLY_METHODS.contains(method);
    }

    /**
     * A copy with one header set (replacing any value of that name).
     *
     * @param name  the name
     * @param value the value
     * @return the copy
     */
    public HttpRequest withHeader(String name, String value) {
        Map<String, String> h = copy(headers);
        h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new HttpRequest(method, url, h, body, contentType, form, idempotencyKey);
    }

    /**
     * A copy with one query parameter added (for signers that sign parameters).
     *
     * @param name  the name
     * @param value the value, encoded by this method
     * @return the copy
     */
    public HttpRequest withQueryParameter(String name, String value) {
        return new HttpRequest(method, url.newBuilder().addQueryParameter(name, value).build(), headers, body,
                contentType, form, idempotencyKey);
    }

    private static Map<String, String> copy(Map<String, String> headers) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(headers);
        return m;
    }

    @Override
    public String toString() {
        return method + " " + url.encodedPath() + " " + headers.keySet();
    }

    /**
     * Builds an {@link HttpRequest}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String method;
        private final HttpUrl.Builder url;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private byte[] body;
        private String contentType;
        private Map<String, String> form;
        private boolean idempotencyKey;

        private Builder(String method, String url) {
            this.method = Objects.requireNonNull(method, "method");
            this.url = HttpUrl.get(Objects.requireNonNull(url, "url")).newBuilder();
        }

        /**
         * Appends path segments given already separated by {@code /} (each is encoded).
         *
         * @param segments for example {@code v3/refund/domestic/refunds}
         * @return this builder
         */
        public Builder pathSegments(String segments) {
            url.addPathSegments(segments);
            return this;
        }

        /**
         * Appends one path segment, encoding any {@code /} or other reserved character in it.
         *
         * @param segment the segment
         * @return this builder
         */
        public Builder pathSegment(String segment) {
            url.addPathSegment(segment);
            return this;
        }

        /**
         * Adds a query parameter.
         *
         * @param name  the name
         * @param value the value, encoded by this method
         * @return this builder
         */
        public Builder query(String name, String value) {
            url.addQueryParameter(name, value);
            return this;
        }

        /**
         * Sets a header.
         *
         * @param name  the name
         * @param value the value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the body.
         *
         * @param bytes the bytes
         * @param type  the media type, for example {@code application/json; charset=utf-8}
         * @return this builder
         */
        public Builder body(byte[] bytes, String type) {
            this.body = bytes.clone();
            this.contentType = Objects.requireNonNull(type, "type");
            this.form = null;
            return this;
        }

        /**
         * Sets a UTF-8 JSON body.
         *
         * @param json the JSON text
         * @return this builder
         */
        public Builder json(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
        }

        /**
         * Sets a form body ({@code application/x-www-form-urlencoded}, UTF-8).
         *
         * @param params the parameters, in order
         * @return this builder
         */
        public Builder form(Map<String, String> params) {
            this.form = new LinkedHashMap<>(params);
            this.body = null;
            this.contentType = FORM;
            return this;
        }

        /**
         * Declares that the request carries an idempotency key the peer honours (in a header or in the body), so
         * it may be repeated after it may have reached the peer.
         *
         * @return this builder
         */
        public Builder idempotent() {
            this.idempotencyKey = true;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public HttpRequest build() {
            return new HttpRequest(method, url.build(), copy(headers), body, contentType, form, idempotencyKey);
        }
    }
}
