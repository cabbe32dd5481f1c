package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.RemoteException;
import io.learnloop.core.json.LearnloopJson;
import io.learnloop.core.store.Versioned;
import io.learnloop.http.RetryPolicy;
import io.learnloop.http.SharedHttpClient;
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
 * The gradebook column of a placed link whose launch offers the line items service but names no line item (AGS 2.0
 * section 3.2: a link placed without Deep Linking, or without a column). A launch only records that the link needs
 * one ({@link #record}); the first score delivery for the link creates it ({@link #lineItemOf}): it first looks in
 * the context's line items container for a column of the link with the tag {@value #TAG} (one made before whose
 * answer was lost) and adopts it, else POSTs one with the line item media type, its {@code label},
 * {@code scoreMaximum} 100 (scores are percents), the {@code resourceLinkId}, the Learnloop course as
 * {@code resourceId} and the tag {@value #TAG}.
 *
 * <p>The link's {@link ColumnRow} is inserted under its id once, the delivery whose versioned claim on it commits is
 * the one that asks the platform, and a URL once stored is never replaced: a creation that finds another's URL
 * stored when it ends keeps that one and deletes the line item it made. So every score of the link goes to one
 * column, also when launches and deliveries meet on several host instances. Nobody waits for the creation: a launch
 * never calls the platform, and a delivery that finds the creation claimed throws, so the outbox hands it out again
 * after its lease, by when the column has its URL. A claim is taken over only once it is older than the longest a
 * creation can take under the HTTP settings ({@link #staleClaim}), so a live creation is not raced.
 *
 * <p>Thread-safe: immutable.
 */
final class ToolColumns {
    static final String TAG = "learnloop";
    /** Container pages read when looking for an earlier column of the link; the filters make one the usual. */
    static final int LIST_PAGES = 3;
    private static final int PAGE_SIZE = 100;
    private static final String CONTAINER_MEDIA_TYPE = AgsEndpoints.CONTAINER_TYPE;
    private static final Logger LOG = LoggerFactory.getLogger(ToolColumns.class);

    private final ServiceContext context;
    private final Platforms platforms;
    private final PlatformTokens tokens;
    private final HttpPipeline http;
    private final Duration staleClaim;

    ToolColumns(ServiceContext context, Platforms platforms, PlatformTokens tokens, HttpPipeline http,
                SharedHttpClient settings) {
        this.context = context;
        this.platforms = platforms;
        this.tokens = tokens;
        this.http = http;
        this.staleClaim = staleClaim(settings);
    }

    /**
     * How old a claim must be to be taken over: longer than a creation can last. A creation makes at most
     * {@value #LIST_PAGES} + 2 exchanges (token, container pages, POST); each is at most the policy's attempts of
     * one call timeout each plus its total wait between them; one minute more covers the store writes around them.
     */
    static Duration staleClaim(SharedHttpClient settings) {
        RetryPolicy policy = settings.retryPolicy();
        Duration exchange = settings.callTimeout().multipliedBy(policy.maxAttempts()).plus(policy.maxTotalWait());
        return exchange.multipliedBy(LIST_PAGES + 2L).plus(Duration.ofMinutes(1));
    }

    /** The id of a launched link's column row. */
    static String idOf(LtiLaunch launch) {
        return Keys.of(launch.issuer(), launch.clientId(), launch.deploymentId(),
                launch.contextId() == null ? "" : launch.contextId(), launch.resourceLinkId());
    }

    /** The launched link's column row, when the tool was asked to make its column. */
    Optional<ColumnRow> find(LtiLaunch launch) {
        return context.read(uow -> uow.find(LmsTypes.COLUMN, idOf(launch))).map(Versioned::value);
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
        String id = idOf(launch);
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
        boolean made = false;
        try {
            url = existing(claimed);
            if (url == null) {
                url = postOnce(claimed);
                made = true;
            }
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
        String ours = url;
        // compare and set: a URL stored meanwhile (by a delivery that took over a claim it judged stale) stays
        String kept = context.transactRetrying(uow -> {
            Optional<Versioned<ColumnRow>> v = uow.find(LmsTypes.COLUMN, id);
            if (v.isEmpty()) {
                return ours;
            }
            if (v.get().value().lineItem() != null) {
                return v.get().value().lineItem();
            }
            uow.update(LmsTypes.COLUMN, v.get().value().created(ours), v.get().version());
            return ours;
        });
        if (made && !kept.equals(ours)) {
            deleteDuplicate(claimed, ours, kept);
        }
        return kept;
    }

    /** Claims the creation, or throws when another delivery holds a claim that is not stale. */
    private ColumnRow claim(Versioned<ColumnRow> seen) {
        ColumnRow row = seen.value();
        if (row.claimedAt() != null && row.claimedAt().plus(staleClaim).isAfter(context.now())) {
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

    /**
     * The URL of a column of the link that carries our tag, made before (by a creation whose answer was lost, or
     * that outlived its claim), from the container filtered by {@code resource_link_id} and {@code tag} (AGS 2.0,
     * 3.2); the filters are checked here too, for platforms that ignore them. Reads at most {@value #LIST_PAGES}
     * pages, following {@code Link: rel="next"} only on the container's origin, where the token may go.
     */
    private String existing(ColumnRow column) {
        PlatformRegistration platform = platform(column);
        List<String> scopes = List.of(LtiClaims.LINE_ITEM_SCOPE);
        String token = tokens.token(platform, scopes);
        String origin = HttpRequest.origin(column.lineItems());
        HttpRequest.Builder first = HttpRequest.get(column.lineItems())
                .query("resource_link_id", column.resourceLinkId()).query("tag", TAG)
                .query("limit", String.valueOf(PAGE_SIZE));
        HttpRequest request = first.header("Authorization", "Bearer " + token)
                .header("Accept", CONTAINER_MEDIA_TYPE).build();
        for (int page = 0; page < LIST_PAGES && request != null; page++) {
            HttpResponse response = http.call(request, r -> r);
            check(response, platform, scopes, "Looking for the gradebook column of link", column);
            List<Object> items;
            try {
                items = JSONArrayUtils.parse(response.text());
            } catch (ParseException e) {
                throw new RemoteException(ErrorCode.REMOTE_FAILURE, "The line items service of " + column.issuer()
                        + " listed its container with a body that is not a JSON array.", false, false,
                        response.status(), null, null, e);
            }
            for (Object o : items) {
                if (o instanceof Map<?, ?> item && item.get("id") instanceof String id && !id.isBlank()
                        && TAG.equals(item.get("tag")) && column.resourceLinkId().equals(item.get("resourceLinkId"))) {
                    return id;
                }
            }
            String next = Roster.next(response.header("Link"));
            request = next == null || !origin.equals(HttpRequest.origin(next)) ? null : HttpRequest.get(next)
                    .header("Authorization", "Bearer " + token).header("Accept", CONTAINER_MEDIA_TYPE).build();
        }
        return null;
    }

    /** Deletes the line item a creation made after another's was stored; it is empty, and left when it cannot be. */
    private void deleteDuplicate(ColumnRow column, String duplicate, String kept) {
        try {
            PlatformRegistration platform = platform(column);
            List<String> scopes = List.of(LtiClaims.LINE_ITEM_SCOPE);
            HttpResponse response = http.call(HttpRequest.of("DELETE", duplicate)
                    .header("Authorization", "Bearer " + tokens.token(platform, scopes)).build(), r -> r);
            if (!response.ok() && response.status() != 404) {
                LOG.warn("The duplicate gradebook column {} of link {} at {} could not be deleted (HTTP {}); scores"
                        + " go to {}", duplicate, column.resourceLinkId(), column.issuer(), response.status(), kept);
            }
        } catch (RuntimeException e) {
            LOG.warn("The duplicate gradebook column {} of link {} at {} could not be deleted ({}); scores go to {}",
                    duplicate, column.resourceLinkId(), column.issuer(), e.getMessage(), kept);
        }
    }

    private PlatformRegistration platform(ColumnRow column) {
        return platforms.find(column.issuer(), column.clientId()).orElseThrow(() ->
                new RemoteException(ErrorCode.REMOTE_FAILURE, "The platform '" + column.issuer() + "' is no longer"
                        + " registered with client id '" + column.clientId() + "'.", false, false, 0, null, null,
                        null));
    }

    /** Throws unless the answer is a 2xx: retryable for 401, 408, 429 and 5xx, like a score's post. */
    private void check(HttpResponse response, PlatformRegistration platform, List<String> scopes, String what,
                       ColumnRow column) {
        int status = response.status();
        if (status == 401) {
            tokens.forget(platform, scopes);
        }
        if (!response.ok()) {
            boolean again = status == 401 || status == 408 || status == 429 || status >= 500;
            throw new RemoteException(status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.REMOTE_FAILURE,
                    what + " " + column.resourceLinkId() + " at " + column.issuer() + " answered HTTP " + status
                            + ".", again, false, status, null, null, null);
        }
    }

    /**
     * Posts the column. A POST whose answer was lost may have made it: that failure is made retryable, since the next
     * attempt looks the column up in the container before posting again.
     */
    private String postOnce(ColumnRow column) {
        try {
            return post(column);
        } catch (RemoteException e) {
            if (!e.outcomeUnknown() || e.isRetryable()) {
                throw e;
            }
            throw new RemoteException(e.code(), e.getMessage() + " The next attempt looks for the column the platform"
                    + " may have made before making one.", true, true, e.httpStatus(), e.providerCode(),
                    e.requestId(), e);
        }
    }

    private String post(ColumnRow column) {
        PlatformRegistration platform = platform(column);
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
        check(response, platform, scopes, "Creating the gradebook column of link", column);
        int status = response.status();
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
