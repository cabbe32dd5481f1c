package io.learnloop.lms.internal;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.catalog.LessonId;
import io.learnloop.core.store.IndexRange;
import io.learnloop.core.store.Versioned;
import io.learnloop.lms.LineItem;
import io.learnloop.lms.LtiException;
import io.learnloop.lms.LtiException.Problem;
import io.learnloop.lms.LtiHttpResponse;
import io.learnloop.lms.internal.PlatformRows.AccessTokenRow;
import io.learnloop.lms.internal.PlatformRows.LineItemRow;
import io.learnloop.lms.internal.PlatformRows.ResultRow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Line items (gradebook columns) through AGS 2.0 section 3.2: a context's container, listed by keyset pages and
 * filtered by resource link, resource id or tag; each line item read, replaced or deleted by the tool that owns it.
 *
 * <p>Thread-safe: immutable.
 */
final class LineItems {
    private static final int DELETE_PAGE = 500;

    private final ServiceContext context;
    private final AgsUrls urls;

    LineItems(ServiceContext context, AgsUrls urls) {
        this.context = context;
        this.urls = urls;
    }

    LtiHttpResponse list(AccessTokenRow token, String contextId, Map<String, String> query) {
        int limit = limit(query);
        String key = Keys.of(token.clientId(), contextId);
        String after = query.get("after");
        List<LineItemRow> matching = new ArrayList<>();
        String lastSeen = null;
        boolean more = false;
        // Filters run over keyset pages, so a filtered listing reads a bounded number of rows per page it answers.
        outer:
        while (true) {
            String from = after;
            List<LineItemRow> page = context.read(uow -> uow.findRange(PlatformTypes.LINE_ITEM, "context", key,
                    new IndexRange(from, null, limit, false))).stream().map(Versioned::value).toList();
            for (LineItemRow row : page) {
                if (matching.size() == limit) {
                    more = true;
                    break outer;
                }
                lastSeen = row.id();
                if (matches(row, query)) {
                    matching.add(row);
                }
            }
            if (page.size() < limit) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        List<Map<String, Object>> body = matching.stream().map(this::json).toList();
        Map<String, String> headers = new LinkedHashMap<>();
        if (more) {
            StringBuilder next = new StringBuilder(urls.lineItems(contextId)).append("?limit=").append(limit)
                    .append("&after=").append(AgsUrls.encode(lastSeen));
            for (String f : List.of("resource_link_id", "resource_id", "tag")) {
                if (query.get(f) != null) {
                    next.append('&').append(f).append('=').append(AgsUrls.encode(query.get(f)));
                }
            }
            headers.put("Link", "<" + next + ">; rel=\"next\"");
        }
        return PlatformHttp.json(200, AgsEndpoints.CONTAINER_TYPE, body, headers);
    }

    private static boolean matches(LineItemRow row, Map<String, String> query) {
        return same(query.get("resource_link_id"), row.resourceLinkId()) && same(query.get("resource_id"), row.resourceId())
                && same(query.get("tag"), row.tag());
    }

    private static boolean same(String filter, String value) {
        return filter == null || filter.equals(value);
    }

    LtiHttpResponse create(AccessTokenRow token, String contextId, Map<String, Object> body) {
        Fields f = fields(body);
        String id = context.newId();
        LineItemRow row = context.transact(uow -> {
            // a column the tool adds to a link completes the lesson the link's own column completes, as that one does
            String lesson = f.resourceLinkId == null ? null : uow.find(PlatformTypes.LINE_ITEM,
                            Keys.of("link", token.clientId(), contextId, f.resourceLinkId))
                    .map(v -> v.value().lesson()).orElse(null);
            LineItemRow created = new LineItemRow(id, token.clientId(), contextId, f.label, f.scoreMaximum,
                    f.resourceLinkId, f.resourceId, f.tag, lesson, context.now());
            uow.insert(PlatformTypes.LINE_ITEM, created);
            return created;
        });
        return PlatformHttp.json(201, AgsEndpoints.LINE_ITEM_TYPE, json(row), Map.of("Location", urls.lineItem(row.id())));
    }

    LtiHttpResponse get(AccessTokenRow token, String id) {
        return PlatformHttp.json(200, AgsEndpoints.LINE_ITEM_TYPE, json(owned(token, id)));
    }

    LtiHttpResponse update(AccessTokenRow token, String id, Map<String, Object> body) {
        Fields f = fields(body);
        LineItemRow updated = context.transactRetrying(uow -> {
            Versioned<LineItemRow> v = ownedIn(uow.find(PlatformTypes.LINE_ITEM, id), token, id);
            LineItemRow old = v.value();
            // The link a column belongs to and the lesson it completes are the platform's; a tool may not move them.
            LineItemRow row = new LineItemRow(old.id(), old.clientId(), old.contextId(), f.label, f.scoreMaximum,
                    old.resourceLinkId(), f.resourceId, f.tag, old.lesson(), old.createdAt());
            uow.update(PlatformTypes.LINE_ITEM, row, v.version());
            return row;
        });
        return PlatformHttp.json(200, AgsEndpoints.LINE_ITEM_TYPE, json(updated));
    }

    LtiHttpResponse delete(AccessTokenRow token, String id) {
        context.transactRetrying(uow -> {
            Versioned<LineItemRow> v = ownedIn(uow.find(PlatformTypes.LINE_ITEM, id), token, id);
            List<Versioned<ResultRow>> results;
            do {
                results = uow.findRange(PlatformTypes.RESULT, "line_item", id, IndexRange.first(DELETE_PAGE));
                results.forEach(r -> uow.delete(PlatformTypes.RESULT, r.value().id(), r.version()));
            } while (results.size() == DELETE_PAGE);
            uow.delete(PlatformTypes.LINE_ITEM, id, v.version());
            return null;
        });
        return PlatformHttp.noContent();
    }

    LineItemRow owned(AccessTokenRow token, String id) {
        return ownedIn(context.read(uow -> uow.find(PlatformTypes.LINE_ITEM, id)), token, id).value();
    }

    private static Versioned<LineItemRow> ownedIn(Optional<Versioned<LineItemRow>> found, AccessTokenRow token,
                                                  String id) {
        // Another tool's column is reported as missing: a tool learns nothing about what others keep.
        if (found.isEmpty() || !found.get().value().clientId().equals(token.clientId())) {
            throw new LtiException(Problem.UNKNOWN_LINE_ITEM, "No line item '" + id + "' belongs to this tool.");
        }
        return found.get();
    }

    Optional<LineItem> find(String id) {
        return context.read(uow -> uow.find(PlatformTypes.LINE_ITEM, id)).map(v -> view(v.value()));
    }

    LineItem view(LineItemRow r) {
        return new LineItem(r.id(), urls.lineItem(r.id()), r.clientId(), r.contextId(), r.label(), r.scoreMaximum(),
                r.resourceLinkId(), r.resourceId(), r.tag(), r.lesson() == null ? null : LessonId.of(r.lesson()));
    }

    Map<String, Object> json(LineItemRow r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", urls.lineItem(r.id()));
        json.put("scoreMaximum", r.scoreMaximum());
        json.put("label", r.label());
        if (r.resourceLinkId() != null) {
            json.put("resourceLinkId", r.resourceLinkId());
        }
        if (r.resourceId() != null) {
            json.put("resourceId", r.resourceId());
        }
        if (r.tag() != null) {
            json.put("tag", r.tag());
        }
        return json;
    }

    private record Fields(String label, double scoreMaximum, String resourceLinkId, String resourceId, String tag) {
    }

    private static Fields fields(Map<String, Object> body) {
        List<String> wrong = new ArrayList<>();
        Object label = body.get("label");
        if (!(label instanceof String l) || l.isBlank() || l.length() > 255) {
            wrong.add("label must be a string of 1 to 255 characters");
        }
        Object max = body.get("scoreMaximum");
        if (!(max instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            wrong.add("scoreMaximum must be a number above 0");
        }
        String link = optional(body, "resourceLinkId", wrong);
        String resource = optional(body, "resourceId", wrong);
        String tag = optional(body, "tag", wrong);
        if (!wrong.isEmpty()) {
            throw new LtiException(Problem.INVALID_REQUEST, "The line item is not valid: " + String.join("; ", wrong)
                    + ".");
        }
        return new Fields((String) label, ((Number) max).doubleValue(), link, resource, tag);
    }

    private static String optional(Map<String, Object> body, String name, List<String> wrong) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > 255) {
            wrong.add(name + " must be a string of at most 255 characters");
            return null;
        }
        return s;
    }

    static int limit(Map<String, String> query) {
        String raw = query.get("limit");
        if (raw == null) {
            return AgsEndpoints.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= AgsEndpoints.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LtiException(Problem.INVALID_REQUEST, "limit must be 1 to " + AgsEndpoints.MAX_LIMIT + ", not '"
                + raw + "'.");
    }
}
