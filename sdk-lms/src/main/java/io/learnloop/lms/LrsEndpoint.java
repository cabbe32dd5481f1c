package io.learnloop.lms;

import io.learnloop.core.error.Validator;


/**
 * One Learning Record Store that receives the learners' xAPI statements: its id (the key of its queue in the store),
 * its xAPI base URL (the statements resource is {@code <endpoint>/statements}) and the HTTP Basic credentials the LRS
 * issued for this client, and how the LRS is asked to delete an erased learner's data beyond voiding ({@link LrsPurge}).
 * {@link #toString()} never shows the passwords.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id       a short, stable name chosen by the host, for example {@code "district-lrs"}; renaming it starts a new
 *                 queue, so statements already queued under the old name stay there
 * @param endpoint the LRS's xAPI base URL, absolute http(s), for example {@code https://lrs.example.com/xapi/}
 * @param username the Basic auth key (user name)
 * @param password the Basic auth secret
 * @param purge    what an erasure asks of the LRS beyond voiding the learner's statements; {@link LrsPurge#none()}
 *                 when null
 */
public record LrsEndpoint(String id, String endpoint, String username, String password, LrsPurge purge) {
    /** The longest id. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Validates.
     *
     * @param id       the id
     * @param endpoint the base URL
     * @param username the key
     * @param password the secret
     * @param purge    the purge option, or null for none
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
        purge = purge == null ? LrsPurge.none() : purge;
    }

    /**
     * An LRS whose learners' statements an erasure voids, and nothing more.
     *
     * @param id       the id
     * @param endpoint the base URL
     * @param username the key
     * @param password the secret
     * @throws io.learnloop.core.error.ValidationException naming each bad field
     */
    public LrsEndpoint(String id, String endpoint, String username, String password) {
        this(id, endpoint, username, password, LrsPurge.none());
    }

    /**
     * A copy that also asks the LRS to delete an erased learner's data.
     *
     * @param value the purge option
     * @return the copy
     */
    public LrsEndpoint withPurge(LrsPurge value) {
        return new LrsEndpoint(id, endpoint, username, password, value);
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
        return "LrsEndpoint[id=" + id + ", endpoint=" + endpoint + ", username=" + username + ", password=***, purge="
                + purge + "]";
    }
}
