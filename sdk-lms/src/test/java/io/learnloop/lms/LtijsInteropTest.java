package io.learnloop.lms;

import io.learnloop.core.testing.NodeProject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.learnloop.core.Learnloop;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.core.testing.Staff;
import io.learnloop.http.SharedHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with an independently written LTI 1.3 tool: ltijs (npm), run by Node.js, is launched by
 * Learnloop's platform the way a browser does it (login initiation at the tool, authentication request at the
 * platform, form_post of the id_token back to the tool, which verifies it against the platform's JWKS), and then posts
 * a grade through the platform's Assignment and Grade Services with an access token it obtains with its own client
 * assertion. The grade must land in Learnloop's records.
 *
 * <p>Runs on the system clock, because ltijs checks the id_token's times against its own. Skipped without Node.js
 * unless {@code LEARNLOOP_REQUIRE_NODE=true}.
 */
class LtijsInteropTest {
    private static final String CLIENT_ID = "ltijs-tool";
    private static final String DEPLOYMENT_ID = "deployment-ltijs";
    private static final UserId LEARNER = UserId.of("learner-ltijs");
    private static final String SESSION = "storefront-session=" + LEARNER.value();

    private HttpServer server;
    private Process tool;

    @AfterEach
    void stop() {
        if (tool != null) {
            tool.destroy();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void launch_whenLtijsToolIsLaunched_verifiesIdTokenAndPostsGradeIntoLearnerRecords() throws Exception {
        NodeProject project = NodeProject.install(Path.of("src", "test", "node", "ltijs-tool"),
                Path.of("target", "ltijs-tool"));
        Learnloop learnloop = Learnloop.builder().store(Stores.inMemory()).clock(Clock.systemUTC()).build();
        Course course = PlatformFixture.liveCourse(learnloop);
        LessonId lab = course.published().lessons().get(0).id();

        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        LtiPlatform platform = LtiPlatforms.platform(learnloop, LtiPlatformConfig.builder(SharedHttpClient.builder()
                        .build(), base, () -> PlatformFixture.PLATFORM_KEYS)
                .endpoints(base + "/lti/authorize", base + "/lti/token", base + "/lti/ags", base + "/lti/deep-links")
                .build());
        serve(platform);
        server.start();

        int toolPort = freePort();
        String toolBase = "http://127.0.0.1:" + toolPort;
        platform.registerTool(Staff.ADMIN, new ExternalTool(CLIENT_ID, "ltijs test tool", toolBase + "/login",
                toolBase + "/", List.of(toolBase + "/"), toolBase + "/keys", null, LtiPlatform.AGS_SCOPES));
        platform.registerDeployment(Staff.ADMIN, CLIENT_ID, DEPLOYMENT_ID);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(toolPort));
        env.put("PLATFORM_ISSUER", base);
        env.put("PLATFORM_CLIENT_ID", CLIENT_ID);
        env.put("PLATFORM_AUTH_URL", base + "/lti/authorize");
        env.put("PLATFORM_TOKEN_URL", base + "/lti/token");
        env.put("PLATFORM_JWKS_URL", base + "/lti/jwks");
        env.put("SCORE_GIVEN", "7");
        env.put("SCORE_MAXIMUM", "10");
        tool = project.serve(env, 120, "READY", "tool.cjs");

        LaunchStart start = platform.launch(ToolLaunch.resourceLink(CLIENT_ID, DEPLOYMENT_ID, LEARNER, "chem-7",
                "titration").resourceLinkTitle("Titration lab").gradebookColumn(10, lab).build());
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(start.url());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        String authorize = location(login, start.url());
        assertThat(authorize).startsWith(base + "/lti/authorize?");

        HttpResponse<String> page = browser.get(authorize);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String action = PlatformFixture.formAction(page.body());
        assertThat(action).isEqualTo(toolBase + "/");
        HttpResponse<String> launched = browser.post(action, PlatformFixture.formFields(page.body()));
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
        HttpResponse<String> app = browser.get(location(launched, action));

        assertThat(app.statusCode()).as(app.body()).isEqualTo(200);
        LineItem column = platform.lineItemOf(CLIENT_ID, "chem-7", "titration").orElseThrow();
        assertThat(app.body()).contains(column.url());
        AgsResult result = platform.result(column.id(), LEARNER).orElseThrow();
        assertThat(result.scoreGiven()).isEqualTo(7.0);
        assertThat(result.scoreMaximum()).isEqualTo(10.0);
        assertThat(result.comment()).isEqualTo("graded by ltijs");
        assertThat(result.gradingProgress()).isEqualTo("FullyGraded");
        assertThat(learnloop.progress().lessonProgress(LEARNER, lab).orElseThrow().completed()).isTrue();
        assertThat(learnloop.learningReports().learner(Staff.ADMIN, LEARNER).lessonsCompleted()).isEqualTo(1);
    }

    /** The host's routes, as a storefront would wire them; the learner is signed in by a session cookie. */
    private void serve(LtiPlatform platform) {
        server.createContext("/lti/jwks", ex -> send(ex, 200, Map.of("Content-Type", "application/json"),
                platform.jwks()));
        server.createContext("/lti/authorize", ex -> {
            Map<String, String> params = form(ex.getRequestURI().getRawQuery());
            if ("POST".equals(ex.getRequestMethod())) {
                params.putAll(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            UserId signedIn = cookie != null && cookie.contains(SESSION) ? LEARNER : null;
            reply(ex, platform.authorize(signedIn, params));
        });
        server.createContext("/lti/token", ex -> reply(ex, platform.token(form(new String(
                ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))));
        server.createContext("/lti/ags", ex -> {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            String target = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            reply(ex, platform.ags(ex.getRequestMethod(), target, headers, ex.getRequestBody().readAllBytes()));
        });
    }

    private static void reply(HttpExchange ex, LtiHttpResponse r) throws IOException {
        send(ex, r.status(), r.headers(), r.body());
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String location(HttpResponse<String> response, String from) {
        String location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(from).resolve(location).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A browser as far as LTI needs one: follows nothing by itself, keeps cookies per host, posts forms. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        }

        HttpResponse<String> post(String url, Map<String, String> fields) throws IOException, InterruptedException {
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)), url);
        }

        private HttpResponse<String> send(HttpRequest.Builder request, String url)
                throws IOException, InterruptedException {
            String origin = origin(url);
            Map<String, String> jar = cookies.computeIfAbsent(origin, o -> new LinkedHashMap<>());
            // The storefront's own session: the learner is signed in at the platform.
            String sent = jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
            sent = sent.isEmpty() ? SESSION : sent + "; " + SESSION;
            HttpResponse<String> response = http.send(request.header("Cookie", sent).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        }

        private static String origin(String url) {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        }
    }
}
