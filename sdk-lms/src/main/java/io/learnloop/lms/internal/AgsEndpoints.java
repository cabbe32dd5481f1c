package io.learnloop.lms.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.learnloop.core.Learnloop;
import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.LtiPlatform;
import io.learnloop.lms.internal.PlatformRows.AccessTokenRow;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;
import io.learnloop.lms.internal.PlatformRows.ResultRow;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's Assignment and Grade Services 2.0 endpoints: routes a request by method and path, checks the bearer
 * token and its scope, and answers in the IMS media types. Line items and scores are handled by {@link LineItems}
 * and {@link Scores}.
 *
 * <p>Thread-safe: immutable.
 */
final class AgsEndpoints {
    static final String CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";
    static final String RESULTS_TYPE = "application/vnd.ims.lis.v2.resultcontainer+json";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_BODY = 64 * 1024;

    private final ServiceContext context;
    private final AgsUrls urls;
    private final LineItems lineItems;
    private final Scores scores;

    AgsEndpoints(Learnloop learnloop, AgsUrls urls) {
        this.context = learnloop.context();
        this.urls = urls;
        this.lineItems = new LineItems(context, urls);
        this.scores = new Scores(learnloop, lineItems);
    }

    LtiHttpResponse handle(String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, String> h = lower(headers);
        try {
            String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
            int q = target == null ? -1 : target.indexOf('?');
            String path = target == null ? "" : q < 0 ? target : target.substring(0, q);
            Map<String, String> query = query(q < 0 ? null : target.substring(q + 1));
            String base = urls.basePath();
            if (!path.startsWith(base + "/")) {
                throw notFound(path);
            }
            String[] parts = path.substring(base.length() + 1).split("/", -1);
            AccessTokenRow token = TokenEndpoint.bearer(context, h.get("authorization"));
            if (parts.length == 3 && parts[0].equals("contexts") && parts[2].equals("lineitems")) {
                String contextId = AgsUrls.decode(parts[1]);
                return switch (m) {
                    case "GET" -> lineItems.list(require(token, LtiPlatform.SCOPE_LINE_ITEM,
                            LtiPlatform.SCOPE_LINE_ITEM_READ), contextId, query);
                    case "POST" -> lineItems.create(require(token, LtiPlatform.SCOPE_LINE_ITEM), contextId,
                            json(h, body, LINE_ITEM_TYPE));
                    default -> methodNotAllowed(m, "GET, POST");
                };
            }
            if (parts.length >= 2 && parts[0].equals("lineitems") && parts.length <= 3) {
                String id = AgsUrls.decode(parts[1]);
                if (parts.length == 2) {
                    return switch (m) {
                        case "GET" -> lineItems.get(require(token, LtiPlatform.SCOPE_LINE_ITEM,
                                LtiPlatform.SCOPE_LINE_ITEM_READ), id);
                        case "PUT" -> lineItems.update(require(token, LtiPlatform.SCOPE_LINE_ITEM), id,
                                json(h, body, LINE_ITEM_TYPE));
                        case "DELETE" -> lineItems.delete(require(token, LtiPlatform.SCOPE_LINE_ITEM), id);
                        default -> methodNotAllowed(m, "GET, PUT, DELETE");
                    };
                }
                if (parts[2].equals("scores")) {
                    return "POST".equals(m) ? scores.post(require(token, LtiPlatform.SCOPE_SCORE), id,
                            json(h, body, LtiClaims.SCORE_MEDIA_TYPE)) : methodNotAllowed(m, "POST");
                }
                if (parts[2].equals("results")) {
                    return "GET".equals(m) ? results(require(token, LtiPlatform.SCOPE_RESULT_READ), id, query)
                            : methodNotAllowed(m, "GET");
                }
            }
            throw notFound(path);
        } catch (LtiException e) {
            return PlatformHttp.problem(e);
        } catch (ValidationException e) {
            return PlatformHttp.problem(new LtiException(Problem.INVALID_REQUEST, e.getMessage(), e));
        }
    }

    private LtiHttpResponse results(AccessTokenRow token, String lineItemId, Map<String, String> query) {
        LineItemRow item = lineItems.owned(token, lineItemId);
        int limit = LineItems.limit(query);
        String userId = query.get("user_id");
        List<ResultRow> rows;
        if (userId != null) {
            rows = context.read(uow -> uow.find(PlatformTypes.RESULT, Keys.of(item.id(), userId)))
                    .map(v -> List.of(v.value())).orElse(List.of());
        } else {
            rows = context.read(uow -> uow.findRange(PlatformTypes.RESULT, "line_item", item.id(),
                    new IndexRange(query.get("after"), null, limit + 1, false))).stream().map(Versioned::value).toList();
        }
        List<Map<String, Object>> body = new ArrayList<>();
        for (ResultRow r : rows.subList(0, Math.min(limit, rows.size()))) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", urls.lineItem(item.id()) + "/results/" + AgsUrls.encode(r.userId()));
            json.put("scoreOf", urls.lineItem(item.id()));
            json.put("userId", r.userId());
            if (r.scoreGiven() != null) {
                // AGS results are on the line item's scale.
                json.put("resultScore", r.scoreGiven() * item.scoreMaximum() / r.scoreMaximum());
                json.put("resultMaximum", item.scoreMaximum());
            }
            if (r.comment() != null) {
                json.put("comment", r.comment());
            }
            body.add(json);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (rows.size() > limit) {
            headers.put("Link", "<" + urls.lineItem(item.id()) + "/results?limit=" + limit + "&after="
                    + AgsUrls.encode(rows.get(limit - 1).userId()) + ">; rel=\"next\"");
        }
        return PlatformHttp.json(200, RESULTS_TYPE, body, headers);
    }

    static AccessTokenRow require(AccessTokenRow token, String... anyOf) {
        for (String scope : anyOf) {
            if (token.scopes().contains(scope)) {
                return token;
            }
        }
        throw new LtiException(Problem.INSUFFICIENT_SCOPE, "The access token lacks the scope this service needs ("
                + String.join(" or ", anyOf) + "); it holds " + token.scopes() + ".");
    }

    private static Map<String, Object> json(Map<String, String> headers, byte[] body, String mediaType) {
        String type = headers.get("content-type");
        String bare = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!bare.equals(mediaType)) {
            throw new LtiException(Problem.INVALID_REQUEST, "The request's Content-Type is '" + type + "'; send "
                    + mediaType + ".");
        }
        if (body == null || body.length == 0 || body.length > MAX_BODY) {
            throw new LtiException(Problem.INVALID_REQUEST, "The request needs a JSON body of at most " + MAX_BODY
                    + " bytes.");
        }
        try {
            return JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new LtiException(Problem.INVALID_REQUEST, "The request body is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static LtiHttpResponse methodNotAllowed(String method, String allowed) {
        LtiHttpResponse p = PlatformHttp.problem(new LtiException(Problem.INVALID_REQUEST, "Method " + method
                + " is not allowed here; use " + allowed + "."));
        Map<String, String> headers = new LinkedHashMap<>(p.headers());
        headers.put("Allow", allowed);
        return new LtiHttpResponse(405, headers, p.body(), p.problem());
    }

    private static LtiException notFound(String path) {
        return new LtiException(Problem.UNKNOWN_LINE_ITEM, "No Assignment and Grade Services endpoint at '" + path
                + "'.");
    }

    private static Map<String, String> lower(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        }
        return out;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = AgsUrls.decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : AgsUrls.decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
