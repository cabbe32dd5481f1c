package io.learnloop.examples.storefront;

import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.catalog.Course;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.CourseStatus;
import io.learnloop.core.error.ForbiddenException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.identity.UserId;
import io.learnloop.examples.storefront.WebServer.Request;
import io.learnloop.examples.storefront.WebServer.Response;
import io.learnloop.lms.LaunchResult;
import io.learnloop.lms.LicenceRequest;
import io.learnloop.lms.LoginInitiation;
import io.learnloop.lms.LoginRedirect;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.LtiTool;
import io.learnloop.lms.PlatformRegistration;
import io.learnloop.lms.ScorePost;
import io.learnloop.lms.SeatLicence;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The LMS page: the shop as an LTI 1.3 tool. The operator registers a learning management system (issuer, client id,
 * endpoints, deployment) and records an organisation licence of seats; a learner launched from that LMS lands signed
 * in on the course, with the access decision (and the seat it took) shown; the scores the shop posts back to the LMS
 * gradebook are listed with where their outbox delivery stands. The shop's LTI endpoints are here too: the login
 * initiation, the launch (the LMS's form post of the signed id_token) and the tool's public keys.
 *
 * <p>Thread-safe: the tool is thread-safe; the list of recent launches is a concurrent deque.
 */
final class LmsPages extends Pages {
    /** The staff account that may use the LMS page; signing in with it takes the operator password. */
    static final String OPERATOR_ID = "operator";
    private static final int RECENT_LAUNCHES = 20;
    private static final int SCORES_PER_COLUMN = 5;

    /** A launch the shop let in or refused, as the LMS page lists it. */
    private record Launched(Instant at, String issuer, String subject, UserId learner, AccessDecision decision,
                            String seatReference) {
    }

    private final Sessions sessions;
    private final LtiTool tool;
    private final URI self;
    private final DemoLms demo;
    private final Deque<Launched> recent = new ConcurrentLinkedDeque<>();
    // the tool dates login states by real time (its protocol clock), not by the shop's demo clock
    private final LtiStateCookie stateCookie = new LtiStateCookie(Clock.systemUTC());

    LmsPages(Shop shop, Sessions sessions, LtiTool tool, URI self, DemoLms demo) {
        super(shop);
        this.sessions = sessions;
        this.tool = tool;
        this.self = self;
        this.demo = demo;
    }

    @Override
    void register(WebServer web) {
        web.get("/operator/lms", this::overview);
        web.post("/operator/lms/platforms", this::registerPlatform);
        web.post("/operator/lms/licences", this::recordLicence);
        // what the LMS and the learner's browser send from the LMS: authenticated by the single-use state (which the
        // browser must also bring back in the cookie set at the login) and the signed id_token, so neither session
        // nor form token
        web.getFromProvider("/lti/login", this::login);
        web.postFromProvider("/lti/login", this::login);
        web.postFromProvider("/lti/launch", this::launch);
        web.getFromProvider("/lti/jwks", req -> Response.bytes("application/json",
                tool.jwks().getBytes(StandardCharsets.UTF_8)));
    }

    /** Where to send a visitor who is not the operator; throws for a signed-in learner. */
    private static Response operatorOnly(Request req) {
        Response signIn = signInFirst(req);
        if (signIn != null) {
            return signIn;
        }
        if (!OPERATOR_ID.equals(req.learner())) {
            throw new ForbiddenException("the LMS page is for the shop's operator: sign in as '" + OPERATOR_ID
                    + "' with the operator password");
        }
        return null;
    }

    private Response overview(Request req) {
        Response refused = operatorOnly(req);
        if (refused != null) {
            return refused;
        }
        String issuer = or(req.param("issuer"), demo == null ? "" : demo.issuer());
        String deployment = or(req.param("deployment"), demo == null ? "" : DemoLms.DEPLOYMENT_ID);
        StringBuilder b = new StringBuilder();
        b.append("<p>The shop is an LTI 1.3 tool. Give an LMS these addresses when registering the shop there:</p>")
                .append("<div class=\"table-wrap\"><table id=\"tool-urls\">")
                .append(row("Login initiation URL", self + "/lti/login"))
                .append(row("Redirect (launch) URL", self + "/lti/launch"))
                .append(row("Public keys (JWKS) URL", self + "/lti/jwks")).append("</table></div>");
        if (demo != null) {
            b.append("<p class=\"muted\">No LMS at hand? The shop runs a <a id=\"demo-lms-link\" href=\"")
                    .append(Html.esc(demo.issuer())).append("/\">demo LMS</a> (Learnloop's own LTI platform role on")
                    .append(" another address); the form below is filled in with its values.</p>");
        }
        b.append("<h2>Register an LMS platform</h2><form method=\"post\" action=\"/operator/lms/platforms\" id=\"register-platform\">")
                .append(csrfField(req))
                .append(field("issuer", "Issuer", demo == null ? "" : demo.issuer()))
                .append(field("clientId", "Client id", demo == null ? "" : DemoLms.CLIENT_ID))
                .append(field("authorizationUrl", "Authorization URL", demo == null ? "" : demo.authorizationUrl()))
                .append(field("tokenUrl", "Token URL", demo == null ? "" : demo.tokenUrl()))
                .append(field("jwksUrl", "JWKS URL", demo == null ? "" : demo.jwksUrl()))
                .append(field("deploymentId", "Deployment id", demo == null ? "" : DemoLms.DEPLOYMENT_ID))
                .append("<button id=\"register-submit\">Register</button></form>");
        if (!issuer.isEmpty()) {
            platforms(b, issuer);
            licences(req, b, issuer, deployment);
        }
        launches(b);
        return page(req, "LMS", b.toString());
    }

    private static void platforms(StringBuilder b, String issuer, List<PlatformRegistration> found) {
        b.append("<h2>Registered for ").append(Html.esc(issuer)).append("</h2>");
        if (found.isEmpty()) {
            b.append("<p id=\"no-platform\">Not registered yet.</p>");
            return;
        }
        b.append("<div class=\"table-wrap\"><table id=\"platforms\"><tr><th>Client id</th><th>Authorization</th>"
                + "<th>Token</th><th>JWKS</th></tr>");
        for (PlatformRegistration p : found) {
            b.append("<tr class=\"platform\"><td>").append(Html.esc(p.clientId())).append("</td><td>")
                    .append(Html.esc(p.authorizationUrl())).append("</td><td>").append(Html.esc(p.tokenUrl()))
                    .append("</td><td>").append(Html.esc(p.jwksUrl())).append("</td></tr>");
        }
        b.append("</table></div>");
    }

    private void platforms(StringBuilder b, String issuer) {
        platforms(b, issuer, tool.platforms(issuer));
    }

    private void licences(Request req, StringBuilder b, String issuer, String deployment) {
        b.append("<h2>Seats for deployment ").append(Html.esc(deployment)).append("</h2>");
        List<SeatLicence> licences = deployment.isEmpty() ? List.of() : tool.licences(issuer, deployment);
        if (licences.isEmpty()) {
            b.append("<p id=\"no-licence\">No organisation licence: launched learners need their own purchase.</p>");
        } else {
            b.append("<div class=\"table-wrap\"><table id=\"licences\"><tr><th>Reference</th><th>Courses</th><th>Seats taken</th></tr>");
            for (SeatLicence l : licences) {
                b.append("<tr class=\"licence\"><td>").append(Html.esc(l.reference())).append("</td><td>")
                        .append(Html.esc(String.join(", ", l.courses().stream().map(this::courseTitle).toList())))
                        .append("</td><td class=\"seats\">").append(l.taken()).append(" of ").append(l.seats())
                        .append("</td></tr>");
            }
            b.append("</table></div>");
        }
        b.append("<form method=\"post\" action=\"/operator/lms/licences\" id=\"record-licence\">").append(csrfField(req))
                .append("<input type=\"hidden\" name=\"issuer\" value=\"").append(Html.esc(issuer)).append("\">")
                .append("<input type=\"hidden\" name=\"deploymentId\" value=\"").append(Html.esc(deployment)).append("\">")
                .append("<label>Course <select name=\"course\" id=\"licence-course\">");
        for (Course c : shop.learnloop.catalog().courses(0, 100)) {
            if (c.status() == CourseStatus.PUBLISHED && c.published() != null) {
                b.append("<option value=\"").append(Html.esc(c.id().value())).append("\">").append(Html.esc(title(c)))
                        .append("</option>");
            }
        }
        b.append("</select></label>").append(field("seats", "Seats", "10")).append(field("reference", "Order reference", "PO-DEMO-1"))
                .append("<button id=\"licence-submit\">Record seats</button></form>");
    }

    private void launches(StringBuilder b) {
        b.append("<h2>Recent launches and the grades sent back</h2>");
        if (recent.isEmpty()) {
            b.append("<p id=\"no-launches\">No launch since the shop started.</p>");
            return;
        }
        b.append("<div class=\"table-wrap\"><table id=\"launches\"><tr><th>When</th><th>LMS user</th><th>Learner</th>"
                + "<th>Access</th><th>Scores posted to the LMS</th></tr>");
        for (Launched l : recent) {
            b.append("<tr class=\"launch\"><td>").append(Html.esc(l.at())).append("</td><td>").append(Html.esc(l.subject()))
                    .append(" at ").append(Html.esc(l.issuer())).append("</td><td>").append(Html.esc(l.learner().value()))
                    .append("</td><td class=\"decision\">").append(Html.esc(decision(l.decision(), l.seatReference())))
                    .append("</td><td>");
            List<ScorePost> scores = tool.scoresOf(l.learner(), SCORES_PER_COLUMN);
            if (scores.isEmpty()) {
                b.append("none yet");
            }
            for (ScorePost s : scores) {
                b.append("<div class=\"score-post\">").append(Html.esc(s.scoreGiven().stripTrailingZeros().toPlainString()))
                        .append(" / ").append(Html.esc(s.scoreMaximum().stripTrailingZeros().toPlainString())).append(" ")
                        .append(Html.esc(s.activityProgress())).append(", ").append(Html.esc(s.gradingProgress()))
                        .append(": <b class=\"score-status\">").append(Html.esc(s.status().name())).append("</b>")
                        .append(s.postedAt() == null ? "" : " at " + Html.esc(s.postedAt()))
                        .append(s.problem() == null ? "" : " (" + Html.esc(s.problem()) + ")").append("</div>");
            }
            b.append("</td></tr>");
        }
        b.append("</table></div>");
    }

    private Response registerPlatform(Request req) {
        Response refused = operatorOnly(req);
        if (refused != null) {
            return refused;
        }
        String deployment = trimmed(req, "deploymentId");
        // checked before anything is written, so a missing deployment leaves no half-made registration
        PlatformRegistration registration = new PlatformRegistration(trimmed(req, "issuer"), trimmed(req, "clientId"),
                trimmed(req, "authorizationUrl"), trimmed(req, "tokenUrl"), trimmed(req, "jwksUrl"));
        if (deployment.isEmpty()) {
            throw ValidationException.of("deploymentId", "give the deployment id the LMS shows for the shop");
        }
        tool.registerPlatform(Shop.OPERATOR, registration);
        tool.registerDeployment(Shop.OPERATOR, registration.issuer(), registration.clientId(), deployment);
        return Response.redirect("/operator/lms?issuer=" + Html.url(registration.issuer()) + "&deployment="
                + Html.url(deployment));
    }

    private Response recordLicence(Request req) {
        Response refused = operatorOnly(req);
        if (refused != null) {
            return refused;
        }
        String issuer = trimmed(req, "issuer");
        String deployment = trimmed(req, "deploymentId");
        int seats;
        try {
            seats = Integer.parseInt(trimmed(req, "seats"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("seats", "give a whole number of seats, 1 or more");
        }
        Instant now = shop.clock.instant();
        tool.recordLicence(Shop.OPERATOR, new LicenceRequest(issuer, deployment, List.of(CourseId.of(trimmed(req, "course"))),
                seats, now, now.plus(Duration.ofDays(365)), trimmed(req, "reference")));
        return Response.redirect("/operator/lms?issuer=" + Html.url(issuer) + "&deployment=" + Html.url(deployment));
    }

    /** The LMS's third-party-initiated login: answered with the redirect to its authorization endpoint. */
    private Response login(Request req) {
        Map<String, String> params = new LinkedHashMap<>(req.query());
        params.putAll(req.form());
        LoginRedirect redirect = tool.initiateLogin(LoginInitiation.fromParameters(params));
        return new Response(302, "text/plain", new byte[0], Map.of("Location", redirect.url(),
                "Set-Cookie", stateCookie.setCookie(redirect)));
    }

    /** The LMS's form post of the signed id_token: the learner is signed in and sees what the launch decided. */
    private Response launch(Request req) {
        // checked before the tool uses the state up, so a launch posted from another browser signs nobody in and
        // leaves the genuine browser's login intact
        stateCookie.check(req.form().get("state"), req.headers());
        LaunchResult result = tool.launch(req.form().get("id_token"), req.form().get("state"));
        if (result.launch().messageType() != LtiMessageType.RESOURCE_LINK) {
            throw ValidationException.of("message_type", "this shop answers resource link launches only; place its"
                    + " courses in the LMS by hand");
        }
        UserId learner = result.launch().learner();
        AccessDecision decision = result.decision();
        String seat = result.seat() == null ? null : result.seat().reference();
        recent.addFirst(new Launched(shop.clock.instant(), result.launch().issuer(), result.launch().subject(), learner,
                decision, seat));
        while (recent.size() > RECENT_LAUNCHES) {
            recent.pollLast();
        }
        Session session = sessions.signedIn(learner.value());
        StringBuilder b = new StringBuilder("<p>Launched from <b id=\"launch-issuer\">")
                .append(Html.esc(result.launch().issuer())).append("</b> as its user <b id=\"launch-subject\">")
                .append(Html.esc(result.launch().subject())).append("</b>; here you are learner <b id=\"launch-learner\">")
                .append(Html.esc(learner.value())).append("</b> (mapped from the LMS's issuer and user id only).</p>")
                .append("<p id=\"launch-decision\" class=\"").append(result.allowed() ? "ok" : "bad").append("\">")
                .append(Html.esc(decision(decision, seat))).append("</p>");
        String course = decision.course().value();
        if (result.allowed()) {
            b.append("<p><a id=\"open-course\" href=\"/learn/").append(Html.esc(course)).append("\">Open ")
                    .append(Html.esc(courseTitle(decision.course()))).append("</a></p>");
        } else {
            b.append("<p><a id=\"buy-course\" href=\"/courses/").append(Html.esc(course)).append("\">See the course</a></p>");
        }
        // a new session for the launched learner: whoever was signed in in this browser before is signed out
        return Response.html(Html.page("Launched from your LMS", learner.value(), sessions.formToken(session), b.toString()))
                .withHeader("Set-Cookie", sessions.setCookie(session));
    }

    private static String decision(AccessDecision d, String seatReference) {
        if (!d.allowed()) {
            return "Access refused: " + d.reason();
        }
        return "Access allowed: " + d.reason() + (seatReference == null ? "" : ", by an organisation seat ("
                + seatReference + ")");
    }

    private String courseTitle(CourseId id) {
        Course c = shop.learnloop.catalog().course(id);
        return c.published() == null ? id.value() : title(c);
    }

    private static String row(String label, String value) {
        return "<tr><th>" + Html.esc(label) + "</th><td><code>" + Html.esc(value) + "</code></td></tr>";
    }

    private static String field(String name, String label, String value) {
        return "<label>" + Html.esc(label) + " <input type=\"text\" id=\"lms-" + name + "\" name=\"" + name + "\" value=\""
                + Html.esc(value) + "\"></label> ";
    }

    private static String trimmed(Request req, String name) {
        String v = req.param(name);
        return v == null ? "" : v.trim();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static List<DemoLms.PlacedLink> placedLinks(Shop shop) {
        List<DemoLms.PlacedLink> out = new ArrayList<>();
        for (Course c : shop.learnloop.catalog().courses(0, 100)) {
            if (c.status() == CourseStatus.PUBLISHED && c.published() != null) {
                out.add(new DemoLms.PlacedLink("link-" + (out.size() + 1), c.id().value(), title(c)));
            }
        }
        return out;
    }
}
