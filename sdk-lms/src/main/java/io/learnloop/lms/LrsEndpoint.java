package io.learnloop.lms;

import io.learnloop.core.error.Validator;


/**
 * One Learning Record Store that receives the learners' xAPI statements: its id (the key of its queue in the store),
 * its xAPI base URL (the statements resource is {@code <endpoint>/statements}) and the HTTP Basic credentials the LRS
 * issued for this client. {@link #toString()} never shows the password.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       a short, stable name chosen by the host, for example {@code "district-lrs"}; renaming it starts a new
 *                 queue, so statements already queued under the old name stay there
 * @param endpoint the LRS's xAPI base URL, absolute http(s), for example {@code https://lrs.example.com/xapi/}
 * @param username the Basic auth key (user name)
 * @param password the Basic auth secret
 */
public record LrsEndpoint(String id, String endpoint, String username, String password) {
    /** The longest id. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Validates.
     *
     * @param id       the id
     * @param endpoint the base URL
     * @param username the key
     * @param password the secret
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public LrsEndpoint {
        Validator v = new Validator()
                .notBlank("lrs.id", id, MAX_ID_LENGTH)
                .notBlank("lrs.endpoint", endpoint, 2000)
                .notBlank("lrs.username", username, 500)
                .notBlank("lrs.password", password, 500);
        v.check(endpoint == null || endpoint.isBlank() || XapiConfig.isAbsoluteIri(endpoint), "lrs.endpoint",
                "must be an absolute http(s) URL, the LRS's xAPI base (without 'statements')");
        v.check(username == null || username.indexOf(':') < 0, "lrs.username",
                "must not contain ':' (HTTP Basic separates the user name from the secret with it)");
        v.throwIfInvalid();
        endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    /**
     * The statements resource.
     *
     * @return {@code <endpoint>/statements}
     */
    public String statementsUrl() {
        return endpoint + "statements";
    }

    @Override
    public String toString() {
        return "LrsEndpoint[id=" + id + ", endpoint=" + endpoint + ", username=" + username + ", password=***]";
    }
}
