package io.learnloop.examples.storefront;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.learnloop.examples.storefront.ShopClient.find;
import static org.assertj.core.api.Assertions.assertThat;

/** The storefront over plain HTTP against forged sessions, forged form posts and framing, and its response headers. */
class StorefrontSecurityTest {
    private static Storefront shop;

    @BeforeAll
    static void start() {
        shop = Storefront.start(0, null, Map.of());
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void session_whenCookieIsOnlyAName_isSignedOut() {
        for (String cookie : List.of("learner=tom", Sessions.COOKIE + "=tom", Sessions.COOKIE + "=dG9t.AAAA")) {
            String page = rawGet("/learning", cookie);
            assertThat(page).as(cookie).doesNotContain("Signed in as tom").contains("id=\"learner-id\"");
        }
    }

    @Test
    void session_whenSignedCookieIsTampered_isSignedOut() {
        ShopClient alice = new ShopClient(shop.uri());
        alice.post("/signin", "learner", "alice");
        String cookie = alice.sessionCookie();
        assertThat(rawGet("/", Sessions.COOKIE + "=" + cookie)).contains("Signed in as alice");

        int dot = cookie.lastIndexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(cookie.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).contains("|alice|");
        String asTom = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("|alice|", "|tom|").getBytes(StandardCharsets.UTF_8)) + cookie.substring(dot);
        String laterExpiry = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replaceFirst("\\|(\\d+)$", "|9999999999").getBytes(StandardCharsets.UTF_8)) + cookie.substring(dot);
        // the signature's first character: all six of its bits are signature bits (the last one's low bits are padding)
        char first = cookie.charAt(dot + 1);
        String badSignature = cookie.substring(0, dot + 1) + (first == 'A' ? 'B' : 'A') + cookie.substring(dot + 2);
        for (String forged : List.of(asTom, laterExpiry, badSignature)) {
            String page = rawGet("/", Sessions.COOKIE + "=" + forged);
            assertThat(page).as(forged).doesNotContain("Signed in as").contains("id=\"signin-link\"");
        }
    }

    @Test
    void signIn_setsAnHttpOnlySameSiteCookieThatExpires() {
        ShopClient alice = new ShopClient(shop.uri());
        HttpResponse<String> signedIn = alice.post("/signin", "learner", "alice");
        HttpResponse<String> redirect = signedIn.previousResponse().orElseThrow();
        assertThat(redirect.statusCode()).isEqualTo(303);
        String setCookie = redirect.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(Sessions.COOKIE + "=").contains("; Path=/", "; HttpOnly", "; SameSite=Lax");
        long maxAge = Long.parseLong(find(setCookie, "; Max-Age=(\\d+)"));
        assertThat(maxAge).isBetween(Storefront.SESSION_LIFETIME.toSeconds() - 2, Storefront.SESSION_LIFETIME.toSeconds());
        assertThat(setCookie).doesNotContain("=alice;");
    }

    @Test
    void post_withoutTheFormTokenOrWithAnotherSessionsToken_isRefusedAndChangesNothing() {
        ShopClient alice = new ShopClient(shop.uri());
        alice.post("/signin", "learner", "alice");
        ShopClient bob = new ShopClient(shop.uri());
        bob.post("/signin", "learner", "bob");
        String lounge = find(alice.get("/community").body(), "href=\"/community/spaces/([^\"]+)\">Lounge");
        String topics = "/community/spaces/" + lounge + "/topics";

        HttpResponse<String> none = alice.postRaw(topics, Map.of(), "title", "No token", "text", "x");
        HttpResponse<String> wrong = alice.postRaw(topics, Map.of(), "title", "Wrong token", "text", "x", "csrf", "forged");
        HttpResponse<String> bobs = alice.postRaw(topics, Map.of(), "title", "Bob's token", "text", "x", "csrf", bob.token());
        for (HttpResponse<String> r : List.of(none, wrong, bobs)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("security token");
        }
        // sign-out and sign-in are forms too
        assertThat(alice.postRaw("/signout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(new ShopClient(shop.uri()).postRaw("/signin", Map.of(), "learner", "mallory").statusCode()).isEqualTo(403);

        String space = alice.get("/community/spaces/" + lounge).body();
        assertThat(space).doesNotContain("No token", "Wrong token", "Bob&#39;s token");
        // with its own token the same form goes through
        assertThat(alice.post(topics, "title", "With token", "text", "x").body()).contains("With token");
        assertThat(shop.serverErrors()).isZero();
    }

    @Test
    void post_fromAnotherOrigin_isRefusedEvenWithTheRightToken() {
        ShopClient alice = new ShopClient(shop.uri());
        alice.post("/signin", "learner", "alice");
        String lounge = find(alice.get("/community").body(), "href=\"/community/spaces/([^\"]+)\">Lounge");
        String topics = "/community/spaces/" + lounge + "/topics";
        String token = alice.token();
        for (Map<String, String> headers : List.of(Map.of("Origin", "http://evil.example"), Map.of("Origin", "null"),
                Map.of("Origin", "http://127.0.0.1:1"), Map.of("Referer", "http://evil.example/page"))) {
            HttpResponse<String> r = alice.postRaw(topics, headers, "title", "Cross-origin " + headers, "text", "x", "csrf", token);
            assertThat(r.statusCode()).as(headers.toString()).isEqualTo(403);
            assertThat(r.body()).contains("cross-origin");
        }
        assertThat(alice.get("/community/spaces/" + lounge).body()).doesNotContain("Cross-origin");
        // the shop's own origin, as a browser sends it, is accepted
        String own = "http://127.0.0.1:" + shop.uri().getPort();
        HttpResponse<String> ok = alice.postRaw(topics, Map.of("Origin", own, "Referer", own + "/community"),
                "title", "Same origin", "text", "x", "csrf", token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Same origin");
    }

    @Test
    void everyResponse_carriesTheSecurityHeaders_andPagesHoldNoInlineScriptOrStyle() {
        ShopClient visitor = new ShopClient(shop.uri());
        List<HttpHeaders> responses = List.of(visitor.get("/").headers(), visitor.get("/no/such/page").headers(),
                visitor.getBytes("/operator/charts/growth.png").headers(), visitor.getBytes("/assets/site.css").headers(),
                visitor.postRaw("/signin", Map.of(), "learner", "x").headers(),
                visitor.postRaw("/webhooks/sandbox", Map.of(), "id", "evt_forged").headers(),
                visitor.get("/lti/jwks").headers(), visitor.postRaw("/lti/launch", Map.of(), "id_token", "x", "state", "y")
                        .headers(), visitor.get("/operator/lms").headers());
        for (HttpHeaders h : responses) {
            String csp = h.firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("default-src 'none'", "script-src 'none'", "style-src 'self'", "frame-ancestors 'none'",
                    "form-action 'self'").doesNotContain("unsafe-inline");
            assertThat(h.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).contains("same-origin");
        }
        ShopClient alice = new ShopClient(shop.uri());
        alice.post("/signin", "learner", "alice");
        for (String path : List.of("/", "/learning", "/community", "/operator", "/verify", "/signin")) {
            String html = alice.get(path).body();
            assertThat(html).as(path).doesNotContain("<script", "<style", " style=\"", "javascript:")
                    .contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">");
        }
    }

    @Test
    void start_whenConfiguredOperatorPasswordIsTooShort_saysWhatToUse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Storefront.start(0, null,
                        Map.of(OperatorPassword.VARIABLE, "short")))
                .isInstanceOf(io.learnloop.core.error.ValidationException.class)
                .hasMessageContaining(OperatorPassword.VARIABLE).hasMessageContaining("at least 12")
                .hasMessageNotContaining("short");
    }

    @Test
    void start_whenConfiguredSessionKeyIsTooShort_saysWhatToUse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Storefront.start(0, null,
                        Map.of(Storefront.SESSION_KEY_VARIABLE, "short")))
                .isInstanceOf(io.learnloop.core.error.ValidationException.class)
                .hasMessageContaining(Storefront.SESSION_KEY_VARIABLE).hasMessageContaining("at least 32");
    }

    /** A GET with exactly the given cookie header, as a visitor who forged it would send. */
    private static String rawGet(String path, String cookie) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(shop.uri() + path)).header("Cookie", cookie)
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
