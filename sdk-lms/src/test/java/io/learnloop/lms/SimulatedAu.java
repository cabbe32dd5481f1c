package io.learnloop.lms;

import com.nimbusds.jose.util.JSONObjectUtils;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An assignable unit as a browser runs it, over real HTTP with okhttp: it reads the cmi5 launch parameters from the
 * URL it was launched with, fetches its auth-token, reads {@code LMS.LaunchData} and the learner preferences, and
 * sends statements built on the launch data's context template.
 */
final class SimulatedAu {
    static final MediaType JSON = MediaType.get("application/json");
    static final String CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    static final String MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
    static final String SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

    final OkHttpClient http = new OkHttpClient();
    final HttpUrl launch;
    final String endpoint;
    final String fetch;
    final String actor;
    final String registration;
    final String activityId;
    String token;
    Map<String, Object> launchData;

    SimulatedAu(String launchUrl) {
        this.launch = HttpUrl.get(launchUrl);
        this.endpoint = launch.queryParameter("endpoint");
        this.fetch = launch.queryParameter("fetch");
        this.actor = launch.queryParameter("actor");
        this.registration = launch.queryParameter("registration");
        this.activityId = launch.queryParameter("activityId");
    }

    /** An HTTP answer, read whole. */
    record Answer(int code, String body, String version, String contentType) {
        Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }
    }

    Answer open() {
        return call(new Request.Builder().url(launch).get().build());
    }

    Answer fetchToken() {
        Answer a = call(new Request.Builder().url(fetch).post(RequestBody.create(new byte[0], null)).build());
        Object t = a.code() == 200 ? a.json().get("auth-token") : null;
        if (t instanceof String s) {
            token = s;
        }
        return a;
    }

    Answer readLaunchData() {
        Answer a = xapi("GET", "activities/state", Map.of("stateId", "LMS.LaunchData", "activityId", activityId,
                "agent", actor, "registration", registration), null);
        if (a.code() == 200) {
            launchData = a.json();
        }
        return a;
    }

    /** A request to the LRS with the version header and the token. */
    Answer xapi(String method, String resource, Map<String, String> query, String body) {
        return xapi(method, resource, query, body, "1.0.3", token);
    }

    Answer xapi(String method, String resource, Map<String, String> query, String body, String version,
                String auth) {
        HttpUrl.Builder url = HttpUrl.get(endpoint + resource).newBuilder();
        query.forEach(url::addQueryParameter);
        Request.Builder r = new Request.Builder().url(url.build());
        if (version != null) {
            r.header("X-Experience-API-Version", version);
        }
        if (auth != null) {
            r.header("Authorization", "Basic " + auth);
        }
        r.method(method, body == null ? null : RequestBody.create(body, JSON));
        return call(r.build());
    }

    /** A cmi5 defined statement built on the context template, with the cmi5 (and, if asked, moveOn) category. */
    Map<String, Object> statement(String verb, Map<String, Object> result, boolean moveOn) {
        Map<String, Object> template = deepCopy(JSONObjectUtils.toJSONString(map(launchData.get("contextTemplate"))));
        template.put("registration", registration);
        Map<String, Object> activities = map(template.get("contextActivities"));
        List<Object> category = new ArrayList<>();
        category.add(Map.of("id", CMI5));
        if (moveOn) {
            category.add(Map.of("id", MOVE_ON));
        }
        activities.put("category", category);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", UUID.randomUUID().toString());
        s.put("actor", deepCopy(actor));
        s.put("verb", Map.of("id", "http://adlnet.gov/expapi/verbs/" + verb, "display", Map.of("en-US", verb)));
        s.put("object", Map.of("objectType", "Activity", "id", activityId));
        if (result != null) {
            s.put("result", result);
        }
        s.put("context", template);
        s.put("timestamp", "2026-12-07T09:01:00.000Z");
        return s;
    }

    Answer post(Map<String, Object> statement) {
        return xapi("POST", "statements", Map.of(), JSONObjectUtils.toJSONString(statement));
    }

    private Answer call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body() == null ? "" : response.body().string(),
                    response.header("X-Experience-API-Version"), response.header("Content-Type"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> deepCopy(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
