package io.learnloop.examples.storefront;

import io.learnloop.core.Learnloop;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.core.identity.Role;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Stores;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.http.SharedHttpClient;
import io.learnloop.lms.AgsResult;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LaunchStart;
import io.learnloop.lms.LineItem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.LtiPlatform;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.LtiPlatforms;
import io.learnloop.lms.ToolKeys;
import io.learnloop.lms.ToolLaunch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A learning management system for the demo, so the LMS page works without an external one: a second Learnloop, with
 * its own in-memory store, acting as an LTI 1.3 platform ({@link LtiPlatform}) on its own port and host name
 * ({@code localhost}, so its session cookie is not the shop's). It has one course section in which each of the shop's
 * courses is placed as a graded resource link; its users sign in with a name, launch a link into the shop (the real
 * OIDC login, signed id_token and form post), and its gradebook shows the scores the shop posts back through its
 * Assignment and Grade Services endpoints, over HTTP like any LMS.
 *
 * <p>Thread-safe: the platform and server are thread-safe; the set of users seen is concurrent.
 */
final class DemoLms implements AutoCloseable {
    /** The client id the demo LMS gives the shop. */
    static final String CLIENT_ID = "learnloop-storefront";
    /** The deployment of the shop in the demo LMS. */
    static final String DEPLOYMENT_ID = "demo-deployment-1";
    /** The course section the links are placed in. */
    static final String CONTEXT_ID = "demo-section-1";
    /** The gradebook column's maximum: scores arrive as percents. */
    static final double SCORE_MAXIMUM = 100;

    private static final Actor ADMIN = Actor.of("demo-lms-admin", Role.ADMIN);
    /** The LMS's pages: like the shop's, except that a launch form's redirect goes on to the shop (%s). */
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' %s;"
            + " frame-ancestors 'none'; base-uri 'none'";

    /** A course of the shop placed in the section. */
    record PlacedLink(String id, String courseId, String title) {
    }

    private final WebServer web;
    private final String base;
    private final LtiPlatform platform;
    private final List<PlacedLink> links;
    private final String pageSecurityPolicy;
    private final Set<String> launchedUsers = ConcurrentHashMap.newKeySet();

    private DemoLms(WebServer web, String base, LtiPlatform platform, List<PlacedLink> links, URI shop) {
        this.web = web;
        this.base = base;
        this.platform = platform;
        this.links = List.copyOf(links);
        this.pageSecurityPolicy = String.format(Locale.ROOT, PAGE_POLICY, shop);
    }

    /**
     * Starts the demo LMS on a free port and registers the shop as its tool.
     *
     * @param shop  the shop's base URI (its LTI login, launch and key URLs are under {@code /lti/})
     * @param links the shop's courses to place in the section
     * @return the running LMS
     */
    static DemoLms start(URI shop, List<PlacedLink> links) {
        WebServer web = new WebServer(0, Sessions.withRandomKey(Clock.systemUTC(), Storefront.SESSION_LIFETIME));
        try {
            String base = "http://localhost:" + web.port();
            Learnloop lms = Learnloop.builder().store(Stores.inMemory()).clock(Clock.systemUTC())
                    .idGenerator(IdGenerator.randomUuids()).build();
            ToolKeys keys = ToolKeys.of(SigningKey.of("demo-lms-1", RsaKeys.generate()));
            LtiPlatform platform = LtiPlatforms.platform(lms, LtiPlatformConfig.builder(SharedHttpClient.create(), base,
                            () -> keys)
                    .endpoints(base + "/lti/authorize", base + "/lti/token", base + "/lti/ags", base + "/lti/deep-links")
                    .build());
            String tool = shop.toString();
            platform.registerTool(ADMIN, new ExternalTool(CLIENT_ID, "Learnloop demo storefront", tool + "/lti/login",
                    tool + "/lti/launch", List.of(tool + "/lti/launch"), tool + "/lti/jwks", null, LtiPlatform.AGS_SCOPES));
            platform.registerDeployment(ADMIN, CLIENT_ID, DEPLOYMENT_ID);
            DemoLms demo = new DemoLms(web, base, platform, links, shop);
            demo.routes();
            web.start();
            return demo;
        } catch (RuntimeException e) {
            web.close();
            throw e;
        }
    }


    /** The LMS's issuer and base URL, without a trailing slash. */
    String issuer() {
        return base;
    }

    String authorizationUrl() {
        return base + "/lti/authorize";
    }

    String tokenUrl() {
        return base + "/lti/token";
    }

    String jwksUrl() {
        return base + "/lti/jwks";
    }

    /** The column a link's first launch created, if any. */
    Optional<LineItem> column(String linkId) {
        return platform.lineItemOf(CLIENT_ID, CONTEXT_ID, linkId);
    }

    private void routes() {
        web.get(Html.STYLESHEET_PATH, req -> Response.bytes("text/css; charset=utf-8", Html.stylesheet()));
        // the authorization endpoint's auto-posting page names no icon, so browsers ask for this one
        web.getFromProvider("/favicon.ico", req -> new Response(204, "image/x-icon", new byte[0], Map.of()));
        web.get("/", this::home);
        web.post("/signin", this::signIn);
        web.post("/launch", this::launch);
        web.get("/gradebook", this::gradebook);
        // the LTI endpoints: the browser comes to the authorization endpoint with its LMS session; the shop's server
        // calls the others with its own credentials
        web.getFromProvider("/lti/jwks", req -> Response.bytes("application/json",
                platform.jwks().getBytes(StandardCharsets.UTF_8)));
        web.get("/lti/authorize", req -> answer(platform.authorize(req.learner() == null ? null
                : UserId.of(req.learner()), req.query())));
        web.postFromProvider("/lti/token", req -> answer(platform.token(req.form())));
        web.getFromProvider("/lti/ags/contexts/{context}/lineitems", this::ags);
        web.postFromProvider("/lti/ags/contexts/{context}/lineitems", this::ags);
        web.getFromProvider("/lti/ags/lineitems/{id}", this::ags);
        web.postFromProvider("/lti/ags/lineitems/{id}/scores", this::ags);
        web.getFromProvider("/lti/ags/lineitems/{id}/results", this::ags);
    }

    private Response ags(Request req) {
        Map<String, String> headers = new LinkedHashMap<>();
        req.headers().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
        return answer(platform.ags(req.method(), target(req), headers, req.body()));
    }

    /** The request's path and query as the client sent them, for the AGS router (ids are URL-safe). */
    private static String target(Request req) {
        StringBuilder t = new StringBuilder(req.path());
        char sep = '?';
        for (Map.Entry<String, String> q : req.query().entrySet()) {
            t.append(sep).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return t.toString();
    }

    private static Response answer(LtiHttpResponse r) {
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        String type = headers.remove("Content-Type");
        return new Response(r.status(), type == null ? "text/plain; charset=utf-8" : type,
                r.body().getBytes(StandardCharsets.UTF_8), headers);
    }

    private Response home(Request req) {
        StringBuilder b = new StringBuilder("<p class=\"muted\">A stand-in LMS run by the shop for the demo: Learnloop's own"
                + " LTI platform role, on its own address. Its section places each course of the shop as a graded link.</p>");
        if (req.learner() == null) {
            b.append("<form method=\"post\" action=\"/signin\">").append(Html.csrfField(req.csrf()))
                    .append("<label>LMS user (a-z, 0-9, . _ -) <input type=\"text\" id=\"lms-user\" name=\"user\" required></label>")
                    .append(" <button id=\"lms-signin\">Sign in to the LMS</button></form>");
            return page(req, b.toString());
        }
        b.append("<h2>Section ").append(Html.esc(CONTEXT_ID)).append("</h2><div class=\"table-wrap\"><table id=\"lms-links\">")
                .append("<tr><th>Placed link</th><th></th></tr>");
        for (PlacedLink link : links) {
            b.append("<tr><td>").append(Html.esc(link.title())).append("</td><td>")
                    .append(Html.button(req.csrf(), "/launch", "launch-" + link.id(), "Open in Learnloop",
                            Map.of("link", link.id())))
                    .append("</td></tr>");
        }
        b.append("</table></div><p><a id=\"gradebook-link\" href=\"/gradebook\">Gradebook</a></p>");
        return page(req, b.toString());
    }

    private Response signIn(Request req) {
        String user = req.param("user") == null ? "" : req.param("user").trim().toLowerCase(Locale.ROOT);
        if (!WebServer.LEARNER_ID.matcher(user).matches()) {
            throw ValidationException.of("user", "use 1 to 40 of a-z, 0-9, dot, dash or underscore (was '" + user + "')");
        }
        return Response.redirect("/").withHeader("Set-Cookie", web.sessions().setCookie(web.sessions().signedIn(user)));
    }

    private Response launch(Request req) {
        if (req.learner() == null) {
            return Response.redirect("/");
        }
        String id = req.param("link");
        PlacedLink link = links.stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> ValidationException.of("link", "no such link in the section: " + id));
        LaunchStart start = platform.launch(ToolLaunch.resourceLink(CLIENT_ID, DEPLOYMENT_ID, UserId.of(req.learner()),
                        CONTEXT_ID, link.id())
                .contextTitle("Demo section").resourceLinkTitle(link.title())
                .roles(List.of(LtiPlatform.ROLE_LEARNER))
                .custom("learnloop_course", link.courseId())
                .gradebookColumn(SCORE_MAXIMUM, null)
                .build());
        launchedUsers.add(req.learner());
        return Response.redirect(start.url());
    }

    private Response gradebook(Request req) {
        StringBuilder b = new StringBuilder("<p class=\"muted\">Scores the shop posted through Assignment and Grade"
                + " Services, as this LMS recorded them.</p><div class=\"table-wrap\"><table id=\"lms-gradebook\"><tr>"
                + "<th>Column</th><th>User</th><th>Score</th><th>Activity</th><th>Grading</th><th>Timestamp</th></tr>");
        int rows = 0;
        for (PlacedLink link : links) {
            Optional<LineItem> column = column(link.id());
            if (column.isEmpty()) {
                continue;
            }
            for (String user : launchedUsers) {
                Optional<AgsResult> r = platform.result(column.get().id(), UserId.of(user));
                if (r.isEmpty()) {
                    continue;
                }
                rows++;
                b.append("<tr class=\"grade\"><td>").append(Html.esc(column.get().label())).append("</td><td>")
                        .append(Html.esc(user)).append("</td><td class=\"score\">")
                        .append(Html.esc(format(r.get().scoreGiven()))).append(" / ")
                        .append(Html.esc(format(r.get().scoreMaximum()))).append("</td><td>")
                        .append(Html.esc(r.get().activityProgress())).append("</td><td>")
                        .append(Html.esc(r.get().gradingProgress())).append("</td><td>")
                        .append(Html.esc(r.get().timestamp())).append("</td></tr>");
            }
        }
        b.append("</table></div>");
        if (rows == 0) {
            b.append("<p id=\"no-grades\">No scores yet.</p>");
        }
        return page(req, b.append("<p><a href=\"/\">Back to the section</a></p>").toString());
    }

    private static String format(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private Response page(Request req, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Demo LMS</title>"
                + "<link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"" + Html.STYLESHEET_PATH + "\">"
                + "</head><body><header><a class=\"brand\" href=\"/\">Demo LMS</a><span class=\"who\" id=\"lms-who\">"
                + (req.learner() == null ? "not signed in" : "LMS user " + Html.esc(req.learner())) + "</span></header>"
                + "<main><h1>Demo LMS</h1>" + body + "</main></body></html>";
        return Response.html(html).withHeader("Content-Security-Policy", pageSecurityPolicy);
    }

    @Override
    public void close() {
        web.close();
    }
}
