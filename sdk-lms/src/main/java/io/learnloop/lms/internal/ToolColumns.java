package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.internal.HttpPipeline;
import io.learnloop.http.internal.HttpRequest;
import io.learnloop.http.internal.HttpResponse;
import io.learnloop.lms.AgsEndpoint;
import io.learnloop.lms.LtiLaunch;
import io.learnloop.lms.PlatformRegistration;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gradebook column of a placed link whose launch offers the line items service but names no line item (AGS 2.0
 * section 3.2: a link placed without Deep Linking, or without a column). A launch only records that the link needs
 * one ({@link #record}); the first score delivery for the link creates it ({@link #lineItemOf}): a POST to the
 * context's line items container with the line item media type, its {@code label}, {@code scoreMaximum} 100 (scores
 * are percents), the {@code resourceLinkId}, the Learnloop course as {@code resourceId} and the tag {@value #TAG}.
 *
 * <p>One column per placed link, also when launches and deliveries meet on several host instances: the link's
 * {@link ColumnRow} is inserted under its id once, and the delivery whose versioned claim on it commits is the one
 * that asks the platform. Nobody waits for that: a launch never calls the platform, and a delivery that finds the
 * creation claimed throws, so the outbox hands it out again after its lease, by when the column has its URL. A claim
 * left by a delivery that stopped is taken over after {@link #STALE_CLAIM}.
 *
 * <p>Thread-safe: immutable.
 */
final class ToolColumns {
    static final String TAG = "learnloop";
    static final Duration STALE_CLAIM = Duration.ofMinutes(1);

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
     * Records that the launched link needs its column, once per link; makes no call to the platform.
     *
     * @return the link's column: with its URL when it was created before
     */
    ColumnRow record(LtiLaunch launch, String label, String resourceId) {
        String id = Keys.of(launch.issuer(), launch.clientId(), launch.deploymentId(),
                launch.contextId() == null ? "" : launch.contextId(), launch.resourceLinkId());
        ColumnRow wanted = new ColumnRow(id, launch.issuer(), launch.clientId(), launch.ags().lineItems(), label,
                launch.resourceLinkId(), resourceId, null, null);
        // a concurrent launch's insert of the same id loses with DUPLICATE_KEY and, run again, finds the row
        return context.transactRetrying(uow -> {
            Optional<Versioned<ColumnRow>> found = uow.find(LmsTypes.COLUMN, id);
            if (found.isEmpty()) {
                uow.insert(LmsTypes.COLUMN, wanted);
                return wanted;
            }
            if (!found.get().value().describesColumn()) {
                uow.update(LmsTypes.COLUMN, wanted, found.get().version());
                return wanted;
            }
            return found.get().value();
        });
    }

    /**
     * The URL of a recorded column: the one created before, or one this delivery creates now.
     *
     * @throws ConflictException  with {@code INVALID_STATE} when another delivery is creating the column
     * @throws RemoteException    retryable when the platform could not create it now, not retryable when it refused
     *                            to, or the column is no longer known
     */
    String lineItemOf(String id) {
        Versioned<ColumnRow> row = context.read(uow -> uow.find(LmsTypes.COLUMN, id)).orElseThrow(() ->
                new RemoteException(ErrorCode.REMOTE_FAILURE, "The gradebook column " + id + " is no longer known; "
                        + "the learner's next launch of the link records it again.", false, false, 0, null, null,
                        null));
        if (row.value().lineItem() != null) {
            return row.value().lineItem();
        }
        ColumnRow claimed = claim(row);
        String url;
        try {
            url = post(claimed);
        } catch (RuntimeException e) {
            // dropped, so that the next delivery (this one again, from the outbox, or another) tries again; a claim
            // taken over meanwhile is the other delivery's to drop
            context.transactRetrying(uow -> {
                uow.find(LmsTypes.COLUMN, id).filter(v -> v.value().isClaimOf(claimed))
                        .ifPresent(v -> uow.update(LmsTypes.COLUMN, v.value().released(), v.version()));
                return null;
            });
            throw e;
        }
        context.transactRetrying(uow -> {
            Versioned<ColumnRow> v = uow.get(LmsTypes.COLUMN, id);
            uow.update(LmsTypes.COLUMN, v.value().created(url), v.version());
            return null;
        });
        return url;
    }

    /** Claims the creation, or throws when another delivery holds a claim that is not stale. */
    private ColumnRow claim(Versioned<ColumnRow> seen) {
        ColumnRow row = seen.value();
        if (row.claimedAt() != null && row.claimedAt().plus(STALE_CLAIM).isAfter(context.now())) {
            throw creating(row);
        }
        ColumnRow claimed = row.claimed(context.now());
        try {
            context.transact(uow -> {
                uow.update(LmsTypes.COLUMN, claimed, seen.version());
                return null;
            });
        } catch (ConflictException e) {
            if (e.code() == ErrorCode.VERSION_CONFLICT) {
                throw creating(row); // another delivery claimed it first
            }
            throw e;
        }
        return claimed;
    }

    private static ConflictException creating(ColumnRow row) {
        return new ConflictException(ErrorCode.INVALID_STATE, "The gradebook column of link " + row.resourceLinkId()
                + " at " + row.issuer() + " is being created by another score delivery; the outbox hands this one"
                + " out again once its lease ends.");
    }

    private String post(ColumnRow column) {
        PlatformRegistration platform = platforms.find(column.issuer(), column.clientId()).orElseThrow(() ->
                new RemoteException(ErrorCode.REMOTE_FAILURE, "The platform '" + column.issuer() + "' is no longer"
                        + " registered with client id '" + column.clientId() + "'.", false, false, 0, null, null,
                        null));
        List<String> scopes = List.of(LtiClaims.LINE_ITEM_SCOPE);
        String token = tokens.token(platform, scopes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scoreMaximum", 100);
        body.put("label", column.label());
        body.put("resourceLinkId", column.resourceLinkId());
        body.put("resourceId", column.resourceId());
        body.put("tag", TAG);
        HttpRequest request = HttpRequest.post(column.lineItems())
                .header("Authorization", "Bearer " + token)
                .header("Accept", LtiClaims.LINE_ITEM_MEDIA_TYPE)
                .body(LearnloopJson.toJson(body).getBytes(StandardCharsets.UTF_8), LtiClaims.LINE_ITEM_MEDIA_TYPE)
                .build();
        HttpResponse response = http.call(request, r -> r);
        int status = response.status();
        if (status == 401) {
            tokens.forget(platform, scopes);
        }
        if (!response.ok()) {
            // like a score's post: a refusal for good is any 4xx but 401, 408 and 429
            boolean again = status == 401 || status == 408 || status == 429 || status >= 500;
            throw new RemoteException(status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE,
                    "Creating the gradebook column of link " + column.resourceLinkId() + " at " + column.issuer()
                            + " answered HTTP " + status + ".", again, false, status, null, null, null);
        }
        try {
            Object created = JSONObjectUtils.parse(response.text()).get("id");
            if (created instanceof String s && !s.isBlank()) {
                return s;
            }
        } catch (ParseException e) {
            // reported below
        }
        throw new RemoteException(ErrorCode.REMOTE_FAILURE, "The line items service of " + column.issuer()
                + " answered without the new line item's id.", false, false, status, null, null, null);
    }
}
