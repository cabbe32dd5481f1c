package io.learnloop.lms.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.AccessReason;
import io.learnloop.core.access.Grant;
import io.learnloop.core.catalog.CourseId;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.event.EventListener;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.lms.ContentItem;
import io.learnloop.lms.DeepLinkingResponse;
import io.learnloop.lms.LaunchResult;
import io.learnloop.lms.LicenceRequest;
import io.learnloop.lms.RosterMember;
import io.learnloop.lms.RosterPage;
import io.learnloop.lms.SeatLicence;
import io.learnloop.lms.LoginInitiation;
import io.learnloop.lms.LoginRedirect;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.LtiMessageType;
import io.learnloop.lms.LtiTool;
import io.learnloop.lms.LtiToolConfig;
import io.learnloop.lms.PlatformRegistration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LTI tool over the core facade: registrations and login states in the core store, launches verified against the
 * platforms' JWKS through the shared HTTP client, access decided by the core's access ledger.
 *
 * <p>Thread-safe: immutable; its parts are thread-safe.
 */
public final class DefaultLtiTool implements LtiTool {
    private static final String SEAT_REFERENCE = "lti-seat:";

    private final Learnloop learnloop;
    private final ServiceContext context;
    private final LtiToolConfig config;
    private final Platforms platforms;
    private final LoginStates states;
    private final IdTokenVerifier verifier;
    private final Learners learners;
    private final Seats seats;
    private final Grades grades;
    private final ToolColumns columns;
    private final DeepLinking deepLinking;
    private final Roster roster;

    /**
     * Wires the tool.
     *
     * @param learnloop the facade
     * @param config    the configuration
     */
    public DefaultLtiTool(Learnloop learnloop, LtiToolConfig config) {
        this.learnloop = learnloop;
        this.context = learnloop.context();
        this.config = config;
        this.platforms = new Platforms(context);
        this.states = new LoginStates(context, config.stateTtl());
        // platforms judge and date tokens by real time; the facade's clock may be simulated
        java.time.Clock protocol = config.protocolClock() != null ? config.protocolClock() : context.clock();
        HttpPipeline http = HttpPipeline.builder(config.http(), "lti-platform").clock(protocol).build();
        JwksCache jwks = new JwksCache(http, protocol, config.jwksMaxAge(), config.jwksMinRefreshInterval());
        this.verifier = new IdTokenVerifier(platforms, jwks, protocol, config.clockSkew());
        this.learners = new Learners(context);
        this.seats = new Seats(learnloop, platforms);
        PlatformTokens tokens = new PlatformTokens(http, config, protocol);
        this.columns = new ToolColumns(context, platforms, tokens, http, config.http());
        this.grades = new Grades(context, platforms, tokens, http, columns);
        this.deepLinking = new DeepLinking(learnloop, config);
        this.roster = new Roster(platforms, tokens, http);
    }

    @Override
    public PlatformRegistration registerPlatform(Actor admin, PlatformRegistration registration) {
        return platforms.register(admin, registration);
    }

    @Override
    public void registerDeployment(Actor admin, String issuer, String clientId, String deploymentId) {
        platforms.registerDeployment(admin, issuer, clientId, deploymentId);
    }

    @Override
    public Optional<PlatformRegistration> platform(String issuer, String clientId) {
        return platforms.find(issuer, clientId);
    }

    @Override
    public List<PlatformRegistration> platforms(String issuer) {
        return platforms.ofIssuer(issuer);
    }

    @Override
    public LoginRedirect initiateLogin(LoginInitiation initiation) {
        if (initiation == null || blank(initiation.iss()) || blank(initiation.loginHint())
                || blank(initiation.targetLinkUri())) {
            throw new LtiException(Problem.INVALID_REQUEST, "A login initiation needs the parameters iss, "
                    + "login_hint and target_link_uri; got " + initiation + ".");
        }
        String target = initiation.targetLinkUri();
        String origin = HttpRequest.origin(target);
        if (origin == null || !origin.equals(HttpRequest.origin(config.redirectUri()))) {
            throw new LtiException(Problem.INVALID_REQUEST, "The target_link_uri '" + target + "' is not on this "
                    + "tool (" + HttpRequest.origin(config.redirectUri()) + "); check the link's URL in the LMS.");
        }
        PlatformRegistration platform = platforms.require(initiation.iss(), initiation.clientId());
        if (initiation.deploymentId() != null) {
            platforms.requireDeployment(platform.issuer(), platform.clientId(), initiation.deploymentId());
        }
        LoginState state = states.issue(platform.issuer(), platform.clientId(), initiation.deploymentId(), target);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scope", "openid");
        params.put("response_type", "id_token");
        params.put("response_mode", "form_post");
        params.put("prompt", "none");
        params.put("client_id", platform.clientId());
        params.put("redirect_uri", config.redirectUri());
        params.put("login_hint", initiation.loginHint());
        if (initiation.ltiMessageHint() != null) {
            params.put("lti_message_hint", initiation.ltiMessageHint());
        }
        params.put("state", state.state());
        params.put("nonce", state.nonce());
        return new LoginRedirect(withQuery(platform.authorizationUrl(), params), state.state(), state.expiresAt());
    }

    @Override
    public LaunchResult launch(String idToken, String state) {
        LoginState used = states.use(state);
        JWTClaimsSet claims = verifier.verify(idToken, used);
        UserId learner = learners.learnerOf(claims.getIssuer(), claims.getSubject());
        LtiLaunch launch = LaunchReader.read(claims, used.clientId(), learner);
        if (launch.messageType() == LtiMessageType.DEEP_LINKING) {
            return new LaunchResult(launch, null, null);
        }
        return open(launch);
    }

    private LaunchResult open(LtiLaunch launch) {
        String lesson = launch.custom().get(LtiClaims.CUSTOM_LESSON);
        String course = launch.custom().get(LtiClaims.CUSTOM_COURSE);
        if (blank(lesson) && blank(course)) {
            throw new LtiException(Problem.MISSING_CLAIM, "The resource link names no Learnloop course or lesson: "
                    + "its custom parameters need '" + LtiClaims.CUSTOM_COURSE + "' or '" + LtiClaims.CUSTOM_LESSON
                    + "' (placed links made by Deep Linking carry them).");
        }
        AccessDecision decision = decide(launch.learner(), lesson, course);
        if (ToolColumns.needsColumn(launch.ags())) {
            grades.remember(launch, columns.record(launch, columnLabel(decision.course()), decision.course().value()),
                    decision.course());
        } else {
            grades.remember(launch, launch.ags(), decision.course());
        }
        // Seats are for learners: a teacher previewing the course must not use up what the institution bought.
        if (decision.reason() == AccessReason.NOT_ENTITLED && launch.isLearner()) {
            Optional<Grant> seat = seats.seatFor(launch.issuer(), launch.deploymentId(), launch.learner(),
                    decision.course());
            if (seat.isPresent()) {
                return new LaunchResult(launch, decide(launch.learner(), lesson, course), seat.get());
            }
        }
        Grant allowing = decision.grant() == null ? null : learnloop.access().grantById(decision.grant());
        boolean bySeat = allowing != null && allowing.reference() != null
                && allowing.reference().startsWith(SEAT_REFERENCE);
        return new LaunchResult(launch, decision, bySeat ? allowing : null);
    }

    private String columnLabel(CourseId course) {
        var c = learnloop.catalog().course(course);
        return (c.published() != null ? c.published() : c.latest()).details().title();
    }

    private AccessDecision decide(UserId learner, String lesson, String course) {
        return !blank(lesson)
                ? learnloop.access().decide(learner, LessonId.of(lesson), context.now())
                : learnloop.access().decideCourse(learner, CourseId.of(course), context.now());
    }

    @Override
    public SeatLicence recordLicence(Actor admin, LicenceRequest request) {
        return seats.record(admin, java.util.Objects.requireNonNull(request, "request"));
    }

    @Override
    public Optional<SeatLicence> licence(String id) {
        return seats.find(id);
    }

    @Override
    public List<SeatLicence> licences(String issuer, String deploymentId) {
        return seats.of(issuer, deploymentId);
    }

    @Override
    public DeepLinkingResponse deepLinkingResponse(LtiLaunch launch, List<ContentItem> items) {
        return deepLinking.respond(launch, items);
    }

    @Override
    public RosterPage roster(LtiLaunch launch, String pageUrl) {
        return roster.page(launch, pageUrl);
    }

    @Override
    public List<Grant> provisionSeats(Actor admin, String licenceId, List<RosterMember> members) {
        return seats.provision(admin, licenceId, members, learners);
    }

    @Override
    public EventListener outboxListener() {
        return grades::onEvent;
    }

    @Override
    public List<io.learnloop.lms.ScorePost> scoresOf(UserId learner, int limit) {
        return grades.scoresOf(java.util.Objects.requireNonNull(learner, "learner"), limit);
    }

    @Override
    public int pruneLoginStates(int limit) {
        return states.prune(limit);
    }

    @Override
    public String jwks() {
        return config.keys().jwks();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String withQuery(String url, Map<String, String> params) {
        StringBuilder b = new StringBuilder(url);
        char sep = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "LtiTool[" + config + "]";
    }
}
