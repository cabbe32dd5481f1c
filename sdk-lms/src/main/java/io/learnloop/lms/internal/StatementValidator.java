package io.learnloop.lms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnloop.lms.XapiException;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a statement against the xAPI 1.0.3 data rules (xAPI-Data §2.4) that an LRS would otherwise answer with a
 * 400, so a bad statement is refused here, naming its property, instead of stopping its LRS's queue. Timestamps must
 * be UTC (cmi5 requires it, and every statement of the SDK is made in UTC).
 *
 * <p>Thread-safe: stateless.
 */
final class StatementValidator {
    private static final Pattern UUID_FORMAT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");
    /** RFC 5646 in its common shape: a 2-8 letter primary subtag, then subtags of 1-8 letters or digits. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");
    /** ISO 8601 durations: at least one component, a T only before time components, a fraction on seconds only. */
    private static final Pattern DURATION = Pattern.compile(
            "P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    private static final List<String> IFIS = List.of("mbox", "mbox_sha1sum", "openid", "account");

    private StatementValidator() {
    }

    static void validate(JsonNode s) {
        if (s == null || !s.isObject()) {
            throw XapiException.invalid("statement", "must be a JSON object");
        }
        if (s.has("id")) {
            uuid("id", s.get("id"));
        }
        agent("actor", required(s, "actor", "actor"), true);
        JsonNode verb = required(s, "verb", "verb");
        iri("verb.id", required(verb, "id", "verb.id"));
        if (verb.has("display")) {
            languageMap("verb.display", verb.get("display"));
        }
        object("object", required(s, "object", "object"));
        if (s.has("result")) {
            result(s.get("result"));
        }
        if (s.has("context")) {
            context(s.get("context"));
        }
        if (s.has("timestamp")) {
            timestamp("timestamp", s.get("timestamp"));
        }
        if (s.has("version") && !(s.get("version").isTextual() && s.get("version").asText().startsWith("1.0."))) {
            throw XapiException.invalid("version", "must be a 1.0.x version such as \"1.0.0\"");
        }
    }

    private static JsonNode required(JsonNode parent, String name, String path) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw XapiException.invalid(path, "is required");
        }
        return value;
    }

    private static void agent(String path, JsonNode a, boolean mayBeGroup) {
        if (!a.isObject()) {
            throw XapiException.invalid(path, "must be an Agent or Group object");
        }
        String type = a.has("objectType") ? a.get("objectType").asText() : "Agent";
        if (!type.equals("Agent") && !(mayBeGroup && type.equals("Group"))) {
            throw XapiException.invalid(path + ".objectType", "must be \"Agent\"" + (mayBeGroup ? " or \"Group\"" : "")
                    + ", not \"" + type + "\"");
        }
        long ifis = IFIS.stream().filter(a::has).count();
        boolean anonymousGroup = type.equals("Group") && ifis == 0;
        if (ifis != 1 && !anonymousGroup) {
            throw XapiException.invalid(path, "must have exactly one inverse functional identifier of mbox, "
                    + "mbox_sha1sum, openid and account; it has " + ifis);
        }
        if (a.has("mbox")) {
            String mbox = a.get("mbox").asText("");
            if (!mbox.startsWith("mailto:") || mbox.length() <= "mailto:".length()) {
                throw XapiException.invalid(path + ".mbox", "must be a mailto: IRI");
            }
        }
        if (a.has("mbox_sha1sum") && !SHA1_HEX.matcher(a.get("mbox_sha1sum").asText("")).matches()) {
            throw XapiException.invalid(path + ".mbox_sha1sum", "must be the 40 hex digits of a SHA-1");
        }
        if (a.has("openid")) {
            iri(path + ".openid", a.get("openid"));
        }
        if (a.has("account")) {
            JsonNode account = a.get("account");
            iri(path + ".account.homePage", required(account, "homePage", path + ".account.homePage"));
            JsonNode name = required(account, "name", path + ".account.name");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw XapiException.invalid(path + ".account.name", "must be a non-empty string");
            }
        }
        if (type.equals("Group") && a.has("member")) {
            JsonNode members = a.get("member");
            if (!members.isArray()) {
                throw XapiException.invalid(path + ".member", "must be an array of Agents");
            }
            for (int i = 0; i < members.size(); i++) {
                agent(path + ".member[" + i + "]", members.get(i), false);
            }
        }
        if (anonymousGroup && (!a.has("member") || a.get("member").isEmpty())) {
            throw XapiException.invalid(path + ".member", "is required for a Group without an identifier");
        }
    }

    private static void object(String path, JsonNode o) {
        if (!o.isObject()) {
            throw XapiException.invalid(path, "must be an object");
        }
        String type = o.has("objectType") ? o.get("objectType").asText() : "Activity";
        switch (type) {
            case "Activity" -> activity(path, o);
            case "Agent", "Group" -> agent(path, o, true);
            case "StatementRef" -> uuid(path + ".id", required(o, "id", path + ".id"));
            case "SubStatement" -> {
                agent(path + ".actor", required(o, "actor", path + ".actor"), true);
                iri(path + ".verb.id", required(required(o, "verb", path + ".verb"), "id", path + ".verb.id"));
                JsonNode inner = required(o, "object", path + ".object");
                if (inner.has("objectType") && inner.get("objectType").asText().equals("SubStatement")) {
                    throw XapiException.invalid(path + ".object", "must not be another SubStatement");
                }
                object(path + ".object", inner);
            }
            default -> throw XapiException.invalid(path + ".objectType", "must be Activity, Agent, Group, "
                    + "StatementRef or SubStatement, not \"" + type + "\"");
        }
    }

    private static void activity(String path, JsonNode o) {
        iri(path + ".id", required(o, "id", path + ".id"));
        JsonNode d = o.get("definition");
        if (d == null) {
            return;
        }
        if (d.has("name")) {
            languageMap(path + ".definition.name", d.get("name"));
        }
        if (d.has("description")) {
            languageMap(path + ".definition.description", d.get("description"));
        }
        if (d.has("type")) {
            iri(path + ".definition.type", d.get("type"));
        }
        if (d.has("moreInfo")) {
            iri(path + ".definition.moreInfo", d.get("moreInfo"));
        }
        if (d.has("extensions")) {
            extensions(path + ".definition.extensions", d.get("extensions"));
        }
    }

    private static void result(JsonNode r) {
        if (!r.isObject()) {
            throw XapiException.invalid("result", "must be an object");
        }
        JsonNode score = r.get("score");
        if (score != null) {
            BigDecimal scaled = number("result.score.scaled", score.get("scaled"));
            if (scaled != null && (scaled.compareTo(BigDecimal.ONE) > 0 || scaled.compareTo(BigDecimal.ONE.negate()) < 0)) {
                throw XapiException.invalid("result.score.scaled", "must be between -1 and 1, not " + scaled);
            }
            BigDecimal raw = number("result.score.raw", score.get("raw"));
            BigDecimal min = number("result.score.min", score.get("min"));
            BigDecimal max = number("result.score.max", score.get("max"));
            if (min != null && max != null && min.compareTo(max) >= 0) {
                throw XapiException.invalid("result.score.max", "must be greater than result.score.min");
            }
            if (raw != null && ((min != null && raw.compareTo(min) < 0) || (max != null && raw.compareTo(max) > 0))) {
                throw XapiException.invalid("result.score.raw", "must be between result.score.min and "
                        + "result.score.max, not " + raw);
            }
        }
        for (String flag : List.of("success", "completion")) {
            if (r.has(flag) && !r.get(flag).isBoolean()) {
                throw XapiException.invalid("result." + flag, "must be true or false");
            }
        }
        if (r.has("duration") && !DURATION.matcher(r.get("duration").asText("")).matches()) {
            throw XapiException.invalid("result.duration", "must be an ISO 8601 duration such as \"PT1H30M5.5S\"");
        }
        if (r.has("extensions")) {
            extensions("result.extensions", r.get("extensions"));
        }
    }

    private static void context(JsonNode c) {
        if (!c.isObject()) {
            throw XapiException.invalid("context", "must be an object");
        }
        if (c.has("registration")) {
            uuid("context.registration", c.get("registration"));
        }
        if (c.has("instructor")) {
            agent("context.instructor", c.get("instructor"), true);
        }
        if (c.has("language") && !LANGUAGE_TAG.matcher(c.get("language").asText("")).matches()) {
            throw XapiException.invalid("context.language", "must be an RFC 5646 language tag such as \"en-US\"");
        }
        JsonNode activities = c.get("contextActivities");
        if (activities != null) {
            for (Map.Entry<String, JsonNode> kind : activities.properties()) {
                String path = "context.contextActivities." + kind.getKey();
                if (!List.of("parent", "grouping", "category", "other").contains(kind.getKey())) {
                    throw XapiException.invalid(path, "is not a context activity kind (parent, grouping, category, "
                            + "other)");
                }
                JsonNode list = kind.getValue();
                if (list.isArray()) {
                    for (int i = 0; i < list.size(); i++) {
                        activity(path + "[" + i + "]", list.get(i));
                    }
                } else {
                    activity(path, list);
                }
            }
        }
        if (c.has("extensions")) {
            extensions("context.extensions", c.get("extensions"));
        }
    }

    private static void extensions(String path, JsonNode e) {
        if (!e.isObject()) {
            throw XapiException.invalid(path, "must be an object keyed by IRIs");
        }
        for (Map.Entry<String, JsonNode> property : e.properties()) {
            String key = property.getKey();
            if (!absoluteIri(key)) {
                throw XapiException.invalid(path, "has the key \"" + key + "\", which is not an absolute IRI");
            }
        }
    }

    private static void languageMap(String path, JsonNode map) {
        if (!map.isObject()) {
            throw XapiException.invalid(path, "must be a language map (an object keyed by language tags)");
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!LANGUAGE_TAG.matcher(entry.getKey()).matches()) {
                throw XapiException.invalid(path, "has the key \"" + entry.getKey() + "\", which is not an RFC 5646 "
                        + "language tag such as \"en-US\"");
            }
            if (!entry.getValue().isTextual()) {
                throw XapiException.invalid(path + "." + entry.getKey(), "must be a string");
            }
        }
    }

    private static void timestamp(String path, JsonNode value) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(value.asText(""));
            if (!t.getOffset().equals(ZoneOffset.UTC)) {
                throw XapiException.invalid(path, "must be in UTC (ending in Z), not at offset " + t.getOffset());
            }
        } catch (DateTimeParseException e) {
            throw XapiException.invalid(path, "must be an ISO 8601 date-time with a zone, such as "
                    + "\"2026-12-07T09:00:00.000Z\"");
        }
    }

    private static BigDecimal number(String path, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw XapiException.invalid(path, "must be a number");
        }
        return value.decimalValue();
    }

    private static void uuid(String path, JsonNode value) {
        if (!value.isTextual() || !UUID_FORMAT.matcher(value.asText()).matches()) {
            throw XapiException.invalid(path, "must be a UUID such as \"5d0c3f5e-8a8e-4c41-9b0e-1f7b8e4c2a61\"");
        }
    }

    private static void iri(String path, JsonNode value) {
        if (!value.isTextual() || !absoluteIri(value.asText())) {
            throw XapiException.invalid(path, "must be an absolute IRI (with a scheme), such as "
                    + "\"http://adlnet.gov/expapi/verbs/completed\"");
        }
    }

    static boolean absoluteIri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getScheme().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
