package io.learnloop.examples.storefront;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.learnloop.examples.storefront.ShopClient.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LMS page over plain HTTP: the operator registers the demo LMS (Learnloop's platform role on its own address)
 * and records seats; an LMS user launches a course from the LMS through the real OIDC login and signed id_token, takes
 * a seat, passes the quiz, and the score travels back to the LMS's gradebook through its AGS endpoints.
 */
class StorefrontLmsTest {
    private static final String PASSWORD = "operator-password-for-tests";
    private static Storefront shop;
    private static String lms;

    @BeforeAll
    static void start() {
        shop = Storefront.start(0, null, Map.of(OperatorPassword.VARIABLE, PASSWORD));
        lms = shop.demoLmsUri().toString();
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    private static ShopClient operator() {
        ShopClient op = new ShopClient(shop.uri());
        HttpResponse<String> in = op.post("/signin", "learner", "operator", "password", PASSWORD, "next", "/operator/lms");
        assertThat(in.statusCode()).isEqualTo(200);
        return op;
    }

    private static String register(ShopClient op, String deployment) {
        return op.post("/operator/lms/platforms", "issuer", lms, "clientId", DemoLms.CLIENT_ID,
                "authorizationUrl", lms + "/lti/authorize", "tokenUrl", lms + "/lti/token", "jwksUrl", lms + "/lti/jwks",
                "deploymentId", deployment).body();
    }

    /** Signs in to the demo LMS and launches the named course's link: the page the LMS posts the id_token with. */
    private static HttpResponse<String> launchFromLms(ShopClient user, String name, String courseTitle) {
        user.get(lms + "/");
        user.post(lms + "/signin", "user", name);
        String section = user.get(lms + "/").body();
        String link = find(section, "<td>" + Pattern.quote(courseTitle) + "</td><td><form[^>]*action=\"/launch\">.*?"
                + "name=\"link\" value=\"([^\"]+)\"");
        return user.post(lms + "/launch", "link", link);
    }

    /** Posts the auto-submitting form of the LMS's authorization answer, as the browser's onload does. */
    private static HttpResponse<String> submitAutoPost(ShopClient user, String page) {
        String action = find(page, "<form method=\"post\" action=\"([^\"]+)\"");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return user.postRaw(action, Map.of(), fields.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    }

    private static String javaCourseId(ShopClient client) {
        return find(client.get("/").body(), "/courses/([0-9a-f-]+)\"><b>Java 并发编程实战");
    }

    @Test
    void lmsPage_whenOperatorRegistersTheDemoLms_launchTakesASeatAndTheQuizGradeReachesTheLmsGradebook() {
        ShopClient op = operator();
        String page = op.get("/operator/lms").body();
        assertThat(page).contains("id=\"tool-urls\"", shop.uri() + "/lti/launch", "value=\"" + lms + "/lti/token\"");
        String registered = register(op, DemoLms.DEPLOYMENT_ID);
        assertThat(registered).contains("class=\"platform\"><td>" + DemoLms.CLIENT_ID + "</td>", "id=\"no-licence\"");
        String course = javaCourseId(op);
        String licensed = op.post("/operator/lms/licences", "issuer", lms, "deploymentId", DemoLms.DEPLOYMENT_ID,
                "course", course, "seats", "2", "reference", "PO-LMS-1").body();
        assertThat(licensed).contains("<td>PO-LMS-1</td>", "class=\"seats\">0 of 2<");

        // the LMS user launches the course: login initiation at the shop, authorization at the LMS, id_token posted
        ShopClient ana = new ShopClient(shop.uri());
        HttpResponse<String> authorized = launchFromLms(ana, "ana", "Java 并发编程实战");
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
        assertThat(authorized.uri().toString()).startsWith(lms + "/lti/authorize?");
        assertThat(authorized.body()).contains("name=\"id_token\"", "action=\"" + shop.uri() + "/lti/launch\"");
        HttpResponse<String> launched = submitAutoPost(ana, authorized.body());
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        assertThat(launched.body()).contains("id=\"launch-issuer\">" + lms + "<",
                "id=\"launch-decision\" class=\"ok\">Access allowed: GRANTED, by an organisation seat (lti-seat:",
                "id=\"open-course\" href=\"/learn/" + course + "\"");
        String learner = find(launched.body(), "id=\"launch-learner\">([^<]+)<");
        assertThat(learner).isNotEqualTo("ana");

        // signed in as the mapped learner, the seat opens the course and its quiz
        assertThat(ana.get("/learn/" + course).body()).contains("Signed in as " + learner);
        String attempt = ana.post("/quiz/" + course + "/start").body();
        String result = ana.post(find(attempt, "action=\"(/attempts/[^\"]+)\""),
                StorefrontHttpTest.answers(attempt, true)).body();
        assertThat(result).contains("id=\"quiz-result\" class=\"ok\"");

        // the LMS recorded the score through its AGS endpoints; the shop shows the delivery as posted
        String gradebook = ana.get(lms + "/gradebook").body();
        assertThat(gradebook).contains("<td>ana</td><td class=\"score\">100.00 / 100.00</td><td>Completed</td>"
                + "<td>FullyGraded</td>");
        String after = op.get("/operator/lms").body();
        assertThat(after).contains("class=\"seats\">1 of 2<", "<td>" + learner + "</td>",
                "100 / 100 Completed, FullyGraded: <b class=\"score-status\">POSTED</b>");

        // a second launch of the same LMS user is the same learner and takes no second seat
        HttpResponse<String> again = submitAutoPost(ana, launchFromLms(ana, "ana", "Java 并发编程实战").body());
        assertThat(find(again.body(), "id=\"launch-learner\">([^<]+)<")).isEqualTo(learner);
        assertThat(op.get("/operator/lms").body()).contains("class=\"seats\">1 of 2<");
    }

    @Test
    void launch_whenNoSeatAndNoPurchase_isRefusedWithTheReason() {
        register(operator(), DemoLms.DEPLOYMENT_ID);
        ShopClient ben = new ShopClient(shop.uri());
        // the licence of the other test covers only the Java course; this one is neither licensed nor bought
        HttpResponse<String> launched = submitAutoPost(ben, launchFromLms(ben, "ben", "Practical Python for Data Analysis")
                .body());
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        assertThat(launched.body()).contains("id=\"launch-decision\" class=\"bad\">Access refused: NOT_ENTITLED",
                "id=\"buy-course\"");
    }

    @Test
    void launch_whenIdTokenIsForgedOrStateReplayed_isRefusedAndSignsNobodyIn() {
        register(operator(), DemoLms.DEPLOYMENT_ID);
        ShopClient eve = new ShopClient(shop.uri());
        String page = launchFromLms(eve, "eve", "Java 并发编程实战").body();
        String token = find(page, "name=\"id_token\" value=\"([^\"]+)\"");
        String state = find(page, "name=\"state\" value=\"([^\"]+)\"");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        HttpResponse<String> refused = eve.postRaw("/lti/launch", Map.of(), "id_token", forged, "state", state);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("id=\"problem\"");
        assertThat(eve.get("/learning").body()).doesNotContain("Signed in as");
        // the state was used up by the forged attempt: the genuine token cannot be replayed with it
        HttpResponse<String> replayed = eve.postRaw("/lti/launch", Map.of(), "id_token", token, "state", state);
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.body()).contains("id=\"problem\"").doesNotContain("launch-learner");
    }

    @Test
    void launch_whenPostedFromABrowserThatDidNotStartTheLogin_isRefusedAndSignsNobodyIn() {
        register(operator(), DemoLms.DEPLOYMENT_ID);
        // eve starts a login in her own browser and stops before her browser posts the signed id_token
        ShopClient eve = new ShopClient(shop.uri());
        String evePage = launchFromLms(eve, "eve", "Java 并发编程实战").body();
        String token = find(evePage, "name=\"id_token\" value=\"([^\"]+)\"");
        String state = find(evePage, "name=\"state\" value=\"([^\"]+)\"");

        // a victim's browser made to post eve's token (a page of eve's auto-submitting it) brings no cookie for it
        ShopClient victim = new ShopClient(shop.uri());
        victim.get("/");
        HttpResponse<String> noCookie = victim.postRaw(shop.uri() + "/lti/launch", Map.of(),
                "id_token", token, "state", state);
        assertThat(noCookie.statusCode()).as(noCookie.body()).isEqualTo(403);
        assertThat(noCookie.body()).contains("id=\"problem\"", "not started in this browser")
                .doesNotContain("launch-learner");
        assertThat(victim.get("/learning").body()).doesNotContain("Signed in as");

        // nor when the victim's browser has a login of its own under way: its cookie is for its own state only
        ShopClient busy = new ShopClient(shop.uri());
        String ownPage = launchFromLms(busy, "ben", "Java 并发编程实战").body();
        HttpResponse<String> otherState = busy.postRaw(shop.uri() + "/lti/launch", Map.of(),
                "id_token", token, "state", state);
        assertThat(otherState.statusCode()).as(otherState.body()).isEqualTo(403);
        assertThat(otherState.body()).doesNotContain("launch-learner");
        assertThat(busy.get(shop.uri() + "/learning").body()).doesNotContain("Signed in as");
        // eve's token with the victim's own state: the cookie matches but the token was issued for eve's login
        HttpResponse<String> swapped = busy.postRaw(shop.uri() + "/lti/launch", Map.of(),
                "id_token", token, "state", find(ownPage, "name=\"state\" value=\"([^\"]+)\""));
        assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(403);
        assertThat(busy.get(shop.uri() + "/learning").body()).doesNotContain("Signed in as");

        // the refused posts used nothing up: eve's own browser still finishes her launch
        HttpResponse<String> own = submitAutoPost(eve, evePage);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains("id=\"launch-learner\"", "id=\"launch-decision\" class=\"ok\"");
    }

    @Test
    void login_setsAStateCookieForTheLtiPathsOnly_thatCrossSiteLaunchPostsCarry() {
        register(operator(), DemoLms.DEPLOYMENT_ID);
        ShopClient any = new ShopClient(shop.uri());
        HttpResponse<String> login = any.get("/lti/login?iss=" + lms + "&login_hint=ana&client_id=" + DemoLms.CLIENT_ID
                + "&target_link_uri=" + shop.uri() + "/lti/launch&lti_deployment_id=" + DemoLms.DEPLOYMENT_ID);
        HttpResponse<String> redirect = login.previousResponse().orElseThrow();
        assertThat(redirect.statusCode()).isEqualTo(302);
        String state = find(redirect.headers().firstValue("Location").orElseThrow(), "[?&]state=([^&]+)");
        assertThat(redirect.headers().allValues("Set-Cookie")).singleElement().asString()
                .matches("ll_lti_state_[A-Za-z0-9_-]{22}=" + Pattern.quote(state) + "; .*")
                .contains("; Path=/lti;", "; HttpOnly", "; Secure", "; SameSite=None").containsPattern("Max-Age=[1-9]");
    }

    @Test
    void lmsPage_whenNotTheOperator_isRefusedAndRegistersNothing() {
        ShopClient visitor = new ShopClient(shop.uri());
        assertThat(visitor.get("/operator/lms").body()).contains("id=\"learner-id\"");

        ShopClient mallory = new ShopClient(shop.uri());
        mallory.post("/signin", "learner", "mallory");
        assertThat(mallory.get("/operator/lms").statusCode()).isEqualTo(403);
        HttpResponse<String> post = mallory.post("/operator/lms/platforms", "issuer", "https://evil.example",
                "clientId", "x", "authorizationUrl", "https://evil.example/a", "tokenUrl", "https://evil.example/t",
                "jwksUrl", "https://evil.example/k", "deploymentId", "d");
        assertThat(post.statusCode()).isEqualTo(403);

        ShopClient impostor = new ShopClient(shop.uri());
        assertThat(impostor.post("/signin", "learner", "operator", "password", "guess").statusCode()).isEqualTo(403);
        assertThat(impostor.get("/operator/lms").body()).contains("id=\"learner-id\"");

        assertThat(operator().get("/operator/lms?issuer=https://evil.example").body()).contains("id=\"no-platform\"");
    }

    @Test
    void lmsPage_whenFormTokenIsMissingOrFieldsAreBad_isRefusedAndRegistersNothing() {
        ShopClient op = operator();
        HttpResponse<String> forged = op.postRaw("/operator/lms/platforms", Map.of(), "issuer", "https://forged.example",
                "clientId", "x", "authorizationUrl", "https://forged.example/a", "tokenUrl", "https://forged.example/t",
                "jwksUrl", "https://forged.example/k", "deploymentId", "d");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> crossOrigin = op.postRaw("/operator/lms/platforms", Map.of("Origin", "https://evil.example"),
                "csrf", op.token(), "issuer", "https://forged.example", "clientId", "x",
                "authorizationUrl", "https://forged.example/a", "tokenUrl", "https://forged.example/t",
                "jwksUrl", "https://forged.example/k", "deploymentId", "d");
        assertThat(crossOrigin.statusCode()).isEqualTo(403);

        HttpResponse<String> bad = op.post("/operator/lms/platforms", "issuer", "https://forged.example", "clientId", "x",
                "authorizationUrl", "not a url", "tokenUrl", "https://forged.example/t", "jwksUrl", "", "deploymentId", "");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("authorizationUrl", "jwksUrl");
        HttpResponse<String> noDeployment = op.post("/operator/lms/platforms", "issuer", "https://forged.example",
                "clientId", "x", "authorizationUrl", "https://forged.example/a", "tokenUrl", "https://forged.example/t",
                "jwksUrl", "https://forged.example/k", "deploymentId", " ");
        assertThat(noDeployment.statusCode()).isEqualTo(400);
        assertThat(noDeployment.body()).contains("deploymentId");
        assertThat(op.get("/operator/lms?issuer=https://forged.example").body()).contains("id=\"no-platform\"");
        assertThat(op.post("/operator/lms/licences", "issuer", lms, "deploymentId", DemoLms.DEPLOYMENT_ID,
                "course", "x", "seats", "many", "reference", "R").statusCode()).isEqualTo(400);
    }

    @Test
    void ltiEndpoints_serveTheToolKeysAndCarryTheSecurityHeaders() {
        ShopClient any = new ShopClient(shop.uri());
        HttpResponse<String> jwks = any.get("/lti/jwks");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"", "\"kid\":\"storefront-lti-1\"").doesNotContain("\"d\"");
        assertThat(jwks.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> login = any.get("/lti/login?iss=https://unknown.example&login_hint=x&target_link_uri="
                + shop.uri() + "/lti/launch");
        assertThat(login.statusCode()).isIn(List.of(400, 403, 404));
    }
}
