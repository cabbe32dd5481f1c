package io.learnloop.lms;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.UserId;
import io.learnloop.http.SharedHttpClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How learning events become xAPI statements and where they go: the shared HTTP client, the {@code homePage} of
 * the learners' xAPI accounts, the IRI base of the activities (courses, lessons, quizzes, certificates, orders), the
 * learning record stores and the batch size.
 *
 * <p>The actor of every statement is an Agent identified by an account: {@code homePage} is the configured
 * account home page and {@code name} the learner's id, or what {@link Builder#actorName} maps it to (a pseudonym the
 * host keeps). Never an email address: a statement outlives the learner's address and travels to systems the learner
 * did not sign up to.
 *
 * <p>Thread-safe: immutable (the actor-name function must itself be thread-safe). The {@link Builder} is not
 * thread-safe.
 */
public final class XapiConfig {
    /** The default number of statements per POST. */
    public static final int DEFAULT_BATCH_SIZE = 50;
    /** The largest batch: LRSs cap request sizes, and a batch is one store read. */
    public static final int MAX_BATCH_SIZE = 500;

    private final SharedHttpClient http;
    private final String accountHomePage;
    private final String activityBase;
    private final List<LrsEndpoint> lrs;
    private final Function<UserId, String> actorName;
    private final int batchSize;

    private XapiConfig(Builder b) {
        this.http = b.http;
        this.accountHomePage = b.accountHomePage;
        this.activityBase = b.activityBase.endsWith("/") ? b.activityBase : b.activityBase + "/";
        this.lrs = List.copyOf(b.lrs);
        this.actorName = b.actorName;
        this.batchSize = b.batchSize;
    }

    /**
     * Starts a configuration. Defaults: the actor's account name is the learner id; {@value #DEFAULT_BATCH_SIZE}
     * statements per POST.
     *
     * @param http            the shared HTTP client (its retry policy, sleeper and timeouts apply to every LRS call)
     * @param accountHomePage the {@code homePage} of the learners' accounts, an absolute IRL the host controls, for
     *                        example {@code https://courses.example.com}
     * @param activityBase    the absolute IRI the activity ids start with, for example
     *                        {@code https://courses.example.com/xapi/}; a course becomes {@code <base>courses/<id>}
     * @return a builder
     */
    public static Builder builder(SharedHttpClient http, String accountHomePage, String activityBase) {
        return new Builder(http, accountHomePage, activityBase);
    }

    /**
     * The shared HTTP client.
     *
     * @return the client
     */
    public SharedHttpClient http() {
        return http;
    }

    /**
     * The account home page of every actor.
     *
     * @return the IRL
     */
    public String accountHomePage() {
        return accountHomePage;
    }

    /**
     * The IRI base of activity ids, ending in {@code /}.
     *
     * @return the base
     */
    public String activityBase() {
        return activityBase;
    }

    /**
     * The learning record stores, in the order they were added.
     *
     * @return the stores, at least one
     */
    public List<LrsEndpoint> lrs() {
        return lrs;
    }

    /**
     * The actor account name of a learner.
     *
     * @param learner the learner
     * @return the name
     */
    public String actorName(UserId learner) {
        return actorName.apply(learner);
    }

    /**
     * The most statements in one POST.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "XapiConfig[homePage=" + accountHomePage + ", activityBase=" + activityBase + ", lrs=" + lrs
                + ", batchSize=" + batchSize + "]";
    }

    static boolean isAbsoluteIri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Builds an {@link XapiConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final SharedHttpClient http;
        private final String accountHomePage;
        private final String activityBase;
        private final List<LrsEndpoint> lrs = new ArrayList<>();
        private Function<UserId, String> actorName = UserId::value;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder(SharedHttpClient http, String accountHomePage, String activityBase) {
            this.http = Objects.requireNonNull(http, "http");
            this.accountHomePage = accountHomePage;
            this.activityBase = activityBase;
        }

        /**
         * Adds a learning record store. Every learning event is queued once for each store.
         *
         * @param value the store
         * @return this builder
         */
        public Builder lrs(LrsEndpoint value) {
            lrs.add(Objects.requireNonNull(value, "lrs"));
            return this;
        }

        /**
         * Maps a learner to the {@code name} of their xAPI account, for a host that keeps pseudonyms. The same
         * learner must always map to the same name, and two learners never to one.
         *
         * @param value the mapping; thread-safe, fast, never null or blank
         * @return this builder
         */
        public Builder actorName(Function<UserId, String> value) {
            this.actorName = Objects.requireNonNull(value, "actorName");
            return this;
        }

        /**
         * Sets the most statements in one POST.
         *
         * @param value 1 to {@value #MAX_BATCH_SIZE}
         * @return this builder
         */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws ValidationException naming each bad setting
         */
        public XapiConfig build() {
            Validator v = new Validator()
                    .notBlank("accountHomePage", accountHomePage, 2000)
                    .notBlank("activityBase", activityBase, 1000)
                    .notEmpty("lrs", lrs);
            v.check(accountHomePage == null || isAbsoluteIri(accountHomePage), "accountHomePage",
                    "must be an absolute http(s) IRL the host controls");
            v.check(activityBase == null || isAbsoluteIri(activityBase), "activityBase",
                    "must be an absolute http(s) IRI");
            v.check(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batchSize",
                    "must be 1 to " + MAX_BATCH_SIZE);
            Set<String> ids = new HashSet<>();
            for (LrsEndpoint e : lrs) {
                v.check(ids.add(e.id()), "lrs", "names '" + e.id() + "' twice; give each store its own id");
            }
            v.throwIfInvalid();
            return new XapiConfig(this);
        }
    }
}
