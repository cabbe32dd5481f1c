package io.learnloop.examples.storefront;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less visitor of the storefront: plain HTTP with cookies and redirects. Like a browser submitting a form of
 * the page it shows, {@link #post} sends the form token of the last page with a form it received (loading the
 * sign-in page first when it has seen none).
 */
final class ShopClient {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new LoopbackSecureCookies();
    private final HttpClient http;
    private String token;

    ShopClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Posts a form with the form token of the last page seen, as a browser submits a form of the page it shows. */
    HttpResponse<String> post(String path, String... keyValues) {
        if (token == null) {
            get("/signin");
        }
        Map<String, String> form = form(keyValues);
        form.putIfAbsent("csrf", token);
        return postForm(path, form, Map.of());
    }

    /** Posts exactly the given form fields with extra headers: no form token is added. */
    HttpResponse<String> postRaw(String path, Map<String, String> headers, String... keyValues) {
        return postForm(path, form(keyValues), headers);
    }

    /** The form token of the last page seen, or null. */
    String token() {
        return token;
    }

    /** The session cookie's value, or null. */
    String sessionCookie() {
        return cookies.getCookieStore().get(base).stream().filter(c -> c.getName().equals(Sessions.COOKIE))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static Map<String, String> form(String... keyValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            form.put(keyValues[i], keyValues[i + 1]);
        }
        return form;
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(response.body());
            if (m.find()) {
                token = m.group(1);
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A cookie jar that, like browsers, counts {@code http://127.0.0.1} and {@code http://localhost} as secure, so a
     * {@code Secure} cookie set by the shop running locally is sent back to it (the JDK's jar sends them over https
     * only).
     */
    private static final class LoopbackSecureCookies extends CookieManager {
        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            boolean loopback = "http".equalsIgnoreCase(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equalsIgnoreCase(uri.getHost()));
            if (!loopback) {
                return super.get(uri, requestHeaders);
            }
            try {
                return super.get(new URI("https", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(),
                        uri.getQuery(), null), requestHeaders);
            } catch (URISyntaxException e) {
                throw new IOException("cannot look up cookies for " + uri, e);
            }
        }
    }

    /** The first group of the first match, or a failure naming what was looked for. */
    static String find(String html, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + html);
        }
        return m.group(1);
    }
}
