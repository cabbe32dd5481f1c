package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.AgsEndpoint;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.PlatformRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the gradebook column of a placed link when the platform's launch offers the line items service but names
 * no line item (AGS 2.0 section 3.2: a link placed without Deep Linking, or without a column): a POST to the context's
 * line items container with the line item media type, its {@code label}, {@code scoreMaximum} 100 (scores are
 * percents), the {@code resourceLinkId}, the Learnloop course as {@code resourceId} and the tag {@value #TAG}. One
 * column per placed link, also under concurrent first launches on several host instances: the launch that inserts the
 * link's {@link ColumnRow} creates it; the others wait for its URL, briefly, and go without a column if it does not
 * come (the next launch finds it). A claim left by a launch that stopped is taken over after {@link #STALE_CLAIM}.
 *
 * <p>Thread-safe: immutable.
 */
final class ToolColumns {
    static final String TAG = "learnloop";
    static final Duration STALE_CLAIM = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ToolColumns.class);
    private static final int WAIT_ROUNDS = 50;
    private static final long WAIT_MILLIS = 100;

    private final ServiceContext context;
    private final Platforms platforms;
    private final PlatformTokens tokens;
    private final HttpPipeline http;

    ToolColumns(ServiceContext context, Platforms platforms, PlatformTokens tokens, HttpPipeline http) {
        this.context = context;
        this.platforms = platforms;
        this.tokens = tokens;
        this.http = http;
    }

    /** Whether the launch asks the tool to make its own column: a container, no line item, both scopes granted. */
    static boolean needsColumn(AgsEndpoint ags) {
        return ags != null && ags.lineItem() == null && ags.lineItems() != null
                && ags.scopes().contains(LtiClaims.LINE_ITEM_SCOPE) && ags.scopes().contains(AgsEndpoint.SCORE_SCOPE);
    }

    /**
     * The launch's endpoint with the link's column: the one created before, or a new one.
     *
     * @return the endpoint with its line item, or the launch's own endpoint when no column could be had now
     */
    AgsEndpoint withColumn(LtiLaunch launch, String label, String resourceId) {
        AgsEndpoint ags = launch.ags();
        String id = Keys.of(launch.issuer(), launch.clientId(), launch.deploymentId(),
                launch.contextId() == null ? "" : launch.contextId(), launch.resourceLinkId());
        for (int round = 0; round < WAIT_ROUNDS; round++) {
            Optional<Versioned<ColumnRow>> row = context.read(uow -> uow.find(LmsTypes.COLUMN, id));
            if (row.isPresent() && row.get().value().lineItem() != null) {
                return new AgsEndpoint(ags.lineItems(), row.get().value().lineItem(), ags.scopes());
            }
            if (claim(id, ags.lineItems(), row)) {
                String url = create(launch, id, label, resourceId);
                return url == null ? ags : new AgsEndpoint(ags.lineItems(), url, ags.scopes());
            }
            sleep();
        }
        LOG.warn("The gradebook column of link {} at {} is still being created; this launch goes without it",
                launch.resourceLinkId(), launch.issuer());
        return ags;
    }

    /** Claims the creation: a new row, or a stale claim taken over; false when another launch holds it. */
    private boolean claim(String id, String lineItems, Optional<Versioned<ColumnRow>> seen) {
        try {
            return context.transact(uow -> {
                if (seen.isEmpty()) {
                    uow.insert(LmsTypes.COLUMN, new ColumnRow(id, lineItems, null, context.now()));
                    return true;
                }
                ColumnRow row = seen.get().value();
                if (row.claimedAt().plus(STALE_CLAIM).isAfter(context.now())) {
                    return false;
                }
                uow.update(LmsTypes.COLUMN, row.reclaimed(context.now()), seen.get().version());
                return true;
            });
        } catch (ConflictException e) {
            if (e.code() == ErrorCode.DUPLICATE_KEY || e.code() == ErrorCode.VERSION_CONFLICT) {
                return false; // another launch claimed it first
            }
            throw e;
        }
    }

    private String create(LtiLaunch launch, String id, String label, String resourceId) {
        String url;
        try {
            url = post(launch, label, resourceId);
        } catch (LearnloopException e) {
            // the launch goes on without a column; the claim is dropped so that the next launch tries again
            LOG.warn("Could not create the gradebook column of link {} at {}: {}", launch.resourceLinkId(),
                    launch.issuer(), e.getMessage());
            context.transactRetrying(uow -> {
                uow.find(LmsTypes.COLUMN, id).filter(v -> v.value().lineItem() == null)
                        .ifPresent(v -> uow.delete(LmsTypes.COLUMN, id, v.version()));
                return null;
            });
            return null;
        }
        context.transactRetrying(uow -> {
            Versioned<ColumnRow> v = uow.get(LmsTypes.COLUMN, id);
            uow.update(LmsTypes.COLUMN, v.value().created(url), v.version());
            return null;
        });
        return url;
    }

    private String post(LtiLaunch launch, String label, String resourceId) {
        PlatformRegistration platform = platforms.require(launch.issuer(), launch.clientId());
        List<String> scopes = List.of(LtiClaims.LINE_ITEM_SCOPE);
        String token = tokens.token(platform, scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scoreMaximum", 100);
        body.put("label", label);
        body.put("resourceLinkId", launch.resourceLinkId());
        body.put("resourceId", resourceId);
        body.put("tag", TAG);
        HttpRequest request = HttpRequest.post(launch.ags().lineItems())
                .header("Authorization", "Bearer " + token)
                .header("Accept", LtiClaims.LINE_ITEM_MEDIA_TYPE)
                .body(LearnloopJson.toJson(body).getBytes(StandardCharsets.UTF_8), LtiClaims.LINE_ITEM_MEDIA_TYPE)
                .build();
        HttpResponse response = http.call(request, r -> r);
        if (response.status() == 401) {
            tokens.forget(platform, scopes);
        }
        if (!response.ok()) {
            throw new io.learnloop.core.error.RemoteException(ErrorCode.REMOTE_FAILURE, "Creating a gradebook column at "
                    + launch.issuer() + " answered HTTP " + response.status() + ".", true, false, response.status(),
                    null, null, null);
        }
        try {
            Object created = JSONObjectUtils.parse(response.text()).get("id");
            if (created instanceof String s && !s.isBlank()) {
                return s;
            }
        } catch (ParseException e) {
            // reported below
        }
        throw new io.learnloop.core.error.RemoteException(ErrorCode.REMOTE_FAILURE, "The line items service of "
                + launch.issuer() + " answered without the new line item's id.", false, false, response.status(), null,
                null, null);
    }

    private static void sleep() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a gradebook column", e);
        }
    }
}
