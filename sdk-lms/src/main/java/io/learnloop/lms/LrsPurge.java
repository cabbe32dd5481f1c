package io.learnloop.lms;

import io.learnloop.core.error.Validator;

import java.util.Objects;

/**
 * How an LRS is asked to delete everything it holds about an erased learner, beyond the voiding statements every
 * LRS gets. xAPI 1.0.3 has no delete: a statement can only be voided, and a voided statement stays in the LRS. Some
 * LRSs offer a hard delete through their own admin API, which the erasure calls when the endpoint is configured
 * with it.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * <p>Thread-safe: immutable.
 */
public final class LrsPurge {
    /** What the LRS is asked. */
    public enum Kind {
        /** Nothing beyond voiding. */
        NONE,
        /**
         * Yet Analytics SQL LRS: a login ({@code POST <server>/admin/account/login} with the admin's user name and
         * password, answering a JSON web token), then {@code DELETE <server>/admin/agents} with the body
         * {@code {"actor-ifi": "account::<name>@<homePage>"}} and the token as {@code Bearer}: a hard delete of
         * the actor's statements, attachments and documents. The LRS must run with
         * {@code LRSQL_ENABLE_ADMIN_DELETE_ACTOR=true}.
         */
        SQL_LRS_DELETE_ACTOR
    }

    private static final LrsPurge NONE = new LrsPurge(Kind.NONE, null, null, null);

    private final Kind kind;
    private final String serverUrl;
    private final String adminUsername;
    private final String adminPassword;

    private LrsPurge(Kind kind, String serverUrl, String adminUsername, String adminPassword) {
        this.kind = kind;
        this.serverUrl = serverUrl;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /**
     * Voiding only, the default.
     *
     * @return the option
     */
    public static LrsPurge none() {
        return NONE;
    }

    /**
     * Yet Analytics SQL LRS's actor delete ({@link Kind#SQL_LRS_DELETE_ACTOR}).
     *
     * @param serverUrl     the LRS server's root URL, absolute http(s), for example {@code https://lrs.example.com/}
     *                      (the admin API is under {@code admin/}, beside the xAPI base {@code xapi/})
     * @param adminUsername the admin account's user name
     * @param adminPassword the admin account's password
     * @return the option
     * @throws io.learnloop.core.error.ValidationException naming each bad argument
     */
    public static LrsPurge sqlLrsDeleteActor(String serverUrl, String adminUsername, String adminPassword) {
        Validator v = new Validator()
                .notBlank("purge.serverUrl", serverUrl, 2000)
                .notBlank("purge.adminUsername", adminUsername, 500)
                .notBlank("purge.adminPassword", adminPassword, 500);
        v.check(serverUrl == null || serverUrl.isBlank() || XapiConfig.isAbsoluteIri(serverUrl), "purge.serverUrl",
                "must be an absolute http(s) URL, the root of the LRS server");
        v.throwIfInvalid();
        return new LrsPurge(Kind.SQL_LRS_DELETE_ACTOR, serverUrl.endsWith("/") ? serverUrl : serverUrl + "/",
                adminUsername, adminPassword);
    }

    /**
     * What the LRS is asked.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The server's root URL, ending in {@code /}.
     *
     * @return the URL, or null for {@link Kind#NONE}
     */
    public String serverUrl() {
        return serverUrl;
    }

    /**
     * The admin account's user name.
     *
     * @return the name, or null for {@link Kind#NONE}
     */
    public String adminUsername() {
        return adminUsername;
    }

    /**
     * The admin account's password (a secret: never logged).
     *
     * @return the password, or null for {@link Kind#NONE}
     */
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LrsPurge p && kind == p.kind && Objects.equals(serverUrl, p.serverUrl)
                && Objects.equals(adminUsername, p.adminUsername) && Objects.equals(adminPassword, p.adminPassword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, serverUrl, adminUsername);
    }

    @Override
    public String toString() {
        return kind == Kind.NONE ? "LrsPurge[NONE]"
                : "LrsPurge[" + kind + ", server=" + serverUrl + ", admin=" + adminUsername + ", password=***]";
    }
}
