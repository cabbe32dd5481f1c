package io.learnloop.lms.internal;

import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.SortKeys;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.lms.AgsResult;
import io.learnloop.lms.DeepLinkingReturn;
import io.learnloop.lms.ExternalTool;
import io.learnloop.lms.LaunchStart;
import io.learnloop.lms.LineItem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.LtiPlatform;
import io.learnloop.lms.LtiPlatformConfig;
import io.learnloop.lms.ToolLaunch;
import io.learnloop.lms.internal.PlatformRows.ResultRow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The LTI platform over the core facade: tools, hints, tokens, line items and results in the core store, tools' keys
 * fetched through the shared HTTP client, scores written into the core's learning records.
 *
 * <p>Thread-safe: immutable; its parts are thread-safe.
 */
public final class DefaultLtiPlatform implements LtiPlatform {
    private final ServiceContext context;
    private final LtiPlatformConfig config;
    private final ToolRegistry tools;
    private final LaunchHints hints;
    private final Authorization authorization;
    private final TokenEndpoint tokens;
    private final AgsEndpoints ags;
    private final LineItems lineItems;
    private final DeepLinkingReturns deepLinking;

    /**
     * Wires the platform.
     *
     * @param learnloop the facade
     * @param config    the configuration
     */
    public DefaultLtiPlatform(Learnloop learnloop, LtiPlatformConfig config) {
        this.context = learnloop.context();
        this.config = Objects.requireNonNull(config, "config");
        this.tools = new ToolRegistry(context);
        this.hints = new LaunchHints(context, config, tools);
        AgsUrls urls = new AgsUrls(config.agsUrl());
        this.authorization = new Authorization(context, config, tools, hints, urls);
        HttpPipeline http = HttpPipeline.builder(config.http(), "lti-tool").clock(context.clock()).build();
        JwksCache jwks = new JwksCache(http, context.clock(), config.jwksMaxAge(), config.jwksMinRefreshInterval(),
                "tool");
        ToolJwts jwts = new ToolJwts(tools, jwks, context.clock(), config.clockSkew());
        this.tokens = new TokenEndpoint(context, config, jwts);
        this.ags = new AgsEndpoints(learnloop, urls);
        this.lineItems = new LineItems(context, urls);
        this.deepLinking = new DeepLinkingReturns(context, config, tools, jwts);
    }

    @Override
    public ExternalTool registerTool(Actor admin, ExternalTool tool) {
        return tools.register(admin, tool);
    }

    @Override
    public void registerDeployment(Actor admin, String clientId, String deploymentId) {
        tools.registerDeployment(admin, clientId, deploymentId);
    }

    @Override
    public Optional<ExternalTool> tool(String clientId) {
        return tools.find(clientId);
    }

    @Override
    public LaunchStart launch(ToolLaunch launch) {
        return hints.start(Objects.requireNonNull(launch, "launch"));
    }

    @Override
    public LtiHttpResponse authorize(UserId signedIn, Map<String, String> params) {
        return authorization.authorize(signedIn, params);
    }

    @Override
    public LtiHttpResponse token(Map<String, String> form) {
        return tokens.token(form);
    }

    @Override
    public LtiHttpResponse ags(String method, String target, Map<String, String> headers, byte[] body) {
        return ags.handle(method, target, headers, body);
    }

    @Override
    public DeepLinkingReturn deepLinkingReturn(String jwt) {
        return deepLinking.accept(jwt);
    }

    @Override
    public Optional<LineItem> lineItem(String lineItemId) {
        return lineItemId == null ? Optional.empty() : lineItems.find(lineItemId);
    }

    @Override
    public Optional<LineItem> lineItemOf(String clientId, String contextId, String resourceLinkId) {
        if (clientId == null || contextId == null || resourceLinkId == null) {
            return Optional.empty();
        }
        return lineItems.find(Keys.of("link", clientId, contextId, resourceLinkId));
    }

    @Override
    public Optional<AgsResult> result(String lineItemId, UserId learner) {
        Optional<LineItem> item = lineItem(lineItemId);
        if (item.isEmpty() || learner == null) {
            return Optional.empty();
        }
        String subject = Subjects.subjectOf(item.get().clientId(), learner.value());
        return context.read(uow -> uow.find(PlatformTypes.RESULT, Keys.of(lineItemId, subject)))
                .map(Versioned::value).map(DefaultLtiPlatform::view);
    }

    private static AgsResult view(ResultRow r) {
        return new AgsResult(r.lineItemId(), UserId.of(r.learner()), r.userId(), r.scoreGiven(), r.scoreMaximum(),
                r.comment(), r.activityProgress(), r.gradingProgress(), r.timestamp(), r.recordedAt());
    }

    @Override
    public int pruneExpired(int limit) {
        if (limit < 1 || limit > IndexRange.MAX_LIMIT) {
            throw ValidationException.of("limit", "must be 1 to " + IndexRange.MAX_LIMIT + " (was " + limit + ")");
        }
        // A used jti or nonce is kept until the token that carried it expires (plus the skew): past that, the token
        // itself is refused as expired, so forgetting the id cannot let a replay through.
        return prune(PlatformTypes.HINT, PlatformRows.LaunchHint::id, limit)
                + prune(PlatformTypes.USED_TOKEN_ID, PlatformRows.UsedTokenId::id, limit)
                + prune(PlatformTypes.ACCESS_TOKEN, PlatformRows.AccessTokenRow::id, limit)
                + prune(PlatformTypes.DL_REQUEST, PlatformRows.DeepLinkingRequestRow::id, limit);
    }

    private <T> int prune(AggregateType<T> type, Function<T, String> id, int limit) {
        String before = SortKeys.instant(context.now());
        return context.transact(uow -> {
            List<Versioned<T>> expired = uow.findRange(type, "expiry", LmsTypes.ALL,
                    new IndexRange(null, before, limit, false));
            expired.forEach(v -> uow.delete(type, id.apply(v.value()), v.version()));
            return expired.size();
        });
    }

    @Override
    public String jwks() {
        return config.keys().jwks();
    }

    @Override
    public String toString() {
        return "LtiPlatform[" + config + "]";
    }
}
