package io.learnloop.community.internal.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.community.ReportReason;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The post action (like and flag) type ids of one site, read once from {@code /site.json}: flags live in the
 * database and admins may add their own, so ids are never hard-coded.
 *
 * <p>Thread-safe: the ids are loaded once and published atomically.
 */
final class SiteActionTypes {
    private final DiscourseHttp http;
    private final String adminUser;
    private final AtomicReference<Map<String, Integer>> byKey = new AtomicReference<>();

    SiteActionTypes(DiscourseHttp http, String adminUser) {
        this.http = http;
        this.adminUser = adminUser;
    }

    int like() {
        return id("like");
    }

    int flag(ReportReason reason) {
        return id(reason.discourseKey());
    }

    Map<Integer, ReportReason> reasonsById() {
        Map<Integer, ReportReason> out = new HashMap<>();
        for (ReportReason r : ReportReason.values()) {
            Integer id = load().get(r.discourseKey());
            if (id != null) {
                out.put(id, r);
            }
        }
        return out;
    }

    private int id(String key) {
        Integer id = load().get(key);
        if (id == null) {
            throw new LearnloopException(ErrorCode.CONFIGURATION, "The Discourse site lists no post action type '"
                    + key + "' in /site.json; enable that flag in the admin flags settings.");
        }
        return id;
    }

    private Map<String, Integer> load() {
        Map<String, Integer> known = byKey.get();
        if (known != null) {
            return known;
        }
        JsonNode site = http.get("/site.json", adminUser);
        Map<String, Integer> ids = new HashMap<>();
        for (JsonNode t : site.path("post_action_types")) {
            if (t.hasNonNull("name_key") && t.hasNonNull("id")) {
                ids.putIfAbsent(t.get("name_key").asText(), t.get("id").asInt());
            }
        }
        byKey.compareAndSet(null, Map.copyOf(ids));
        return byKey.get();
    }
}
