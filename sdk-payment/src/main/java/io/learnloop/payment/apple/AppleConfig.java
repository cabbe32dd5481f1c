package io.learnloop.payment.apple;

import io.learnloop.core.error.Validator;
import io.learnloop.core.subscription.DunningPolicy;
import io.learnloop.http.SharedHttpClient;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of the Apple in-app purchase channel: the app, the environment, the roots its signed data must
 * chain to, the products it sells and, for transaction look-ups, the App Store Server API key.
 *
 * <pre>{@code
 * AppleConfig config = AppleConfig.builder("com.example.courses", AppleEnvironment.PRODUCTION)
 *     .appAppleId(1234567890L)
 *     .trustedRoot(appleRootCaG3)          // from https://www.apple.com/certificateauthority/
 *     .product(new AppleProduct("pro.monthly", proPlan.id(), AppleProduct.REDUCED_COMMISSION_BPS))
 *     .accounts(token -> users.byAppAccountToken(token))
 *     .apiKey("issuer-id", "key-id", privateKey)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: immutable. {@link #toString()} never shows the API key. The {@link Builder} is not thread-safe.
 */
public final class AppleConfig {
    /** The channel name under which payments settle and the ledger keeps Apple's clearing and commission accounts. */
    public static final String CHANNEL = "apple";

    private final String bundleId;
    private final Long appAppleId;
    private final AppleEnvironment environment;
    private final List<X509Certificate> trustedRoots;
    private final Map<String, AppleProduct> products;
    private final AppleAccounts accounts;
    private final boolean onlineChecks;
    private final Duration replayWindow;
    private final Duration clockSkew;
    private final String issuerId;
    private final String keyId;
    private final ECPrivateKey apiKey;
    private final String apiBaseUrl;
    private final SharedHttpClient http;
    private final DunningPolicy dunning;

    private AppleConfig(Builder b) {
        this.bundleId = b.bundleId;
        this.appAppleId = b.appAppleId;
        this.environment = b.environment;
        this.trustedRoots = List.copyOf(b.trustedRoots);
        this.products = Map.copyOf(b.products);
        this.accounts = b.accounts;
        this.onlineChecks = b.onlineChecks;
        this.replayWindow = b.replayWindow;
        this.clockSkew = b.clockSkew;
        this.issuerId = b.issuerId;
        this.keyId = b.keyId;
        this.apiKey = b.apiKey;
        this.apiBaseUrl = b.apiBaseUrl != null ? b.apiBaseUrl : environment.apiBaseUrl();
        this.http = b.http != null ? b.http : SharedHttpClient.create();
        this.dunning = b.dunning;
    }

    /**
     * Starts a configuration.
     *
     * @param bundleId    the app's bundle id
     * @param environment the environment whose data is accepted
     * @return a builder
     */
    public static Builder builder(String bundleId, AppleEnvironment environment) {
        return new Builder(bundleId, environment);
    }

    /**
     * The app's bundle id.
     *
     * @return the bundle id
     */
    public String bundleId() {
        return bundleId;
    }

    /**
     * The app's Apple id, required in production.
     *
     * @return the id, or null in the sandbox when none was set
     */
    public Long appAppleId() {
        return appAppleId;
    }

    /**
     * The accepted environment.
     *
     * @return the environment
     */
    public AppleEnvironment environment() {
        return environment;
    }

    /**
     * The roots that signed data must chain to (Apple Root CA - G3 in production).
     *
     * @return the roots
     */
    public List<X509Certificate> trustedRoots() {
        return trustedRoots;
    }

    /**
     * The product sold under an App Store product id.
     *
     * @param productId the product id
     * @return the product, or empty if it is not configured
     */
    public Optional<AppleProduct> product(String productId) {
        return Optional.ofNullable(productId == null ? null : products.get(productId));
    }

    /**
     * The map from account tokens to learners.
     *
     * @return the map
     */
    public AppleAccounts accounts() {
        return accounts;
    }

    /**
     * Whether certificates are checked at the current time and for revocation (OCSP through the JDK's PKIX
     * revocation checker, failing closed), as Apple's library does with {@code enableOnlineChecks}; otherwise they
     * are checked at the data's signed date, without revocation.
     *
     * @return true when online checks are on
     */
    public boolean onlineChecks() {
        return onlineChecks;
    }

    /**
     * How old a notification's signed date may be.
     *
     * @return the window
     */
    public Duration replayWindow() {
        return replayWindow;
    }

    /**
     * How far a signed date may lie in the future.
     *
     * @return the skew
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * Whether an App Store Server API key is configured.
     *
     * @return true when transactions can be looked up
     */
    public boolean hasApiKey() {
        return apiKey != null;
    }

    /**
     * The App Store Server API's base URL.
     *
     * @return the URL
     */
    public String apiBaseUrl() {
        return apiBaseUrl;
    }

    /**
     * The HTTP client for the App Store Server API.
     *
     * @return the client
     */
    public SharedHttpClient http() {
        return http;
    }

    /**
     * The grace period of auto-renewable subscriptions whose renewal failed.
     *
     * @return the policy
     */
    public DunningPolicy dunning() {
        return dunning;
    }

    String issuerId() {
        return issuerId;
    }

    String keyId() {
        return keyId;
    }

    ECPrivateKey apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return "AppleConfig[bundleId=" + bundleId + ", environment=" + environment + ", products=" + products.size()
                + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }

    /**
     * Builds {@link AppleConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String bundleId;
        private final AppleEnvironment environment;
        private Long appAppleId;
        private final List<X509Certificate> trustedRoots = new ArrayList<>();
        private final Map<String, AppleProduct> products = new LinkedHashMap<>();
        private final List<String> repeatedProducts = new ArrayList<>();
        private AppleAccounts accounts = token -> Optional.empty();
        private boolean onlineChecks;
        private Duration replayWindow = Duration.ofDays(7);
        private Duration clockSkew = Duration.ofMinutes(5);
        private String issuerId;
        private String keyId;
        private ECPrivateKey apiKey;
        private PrivateKey rejectedKey;
        private String apiBaseUrl;
        private SharedHttpClient http;
        private DunningPolicy dunning = DunningPolicy.none();

        private Builder(String bundleId, AppleEnvironment environment) {
            this.bundleId = bundleId;
            this.environment = environment;
        }

        /**
         * Sets the app's Apple id (required in production, as Apple's library requires it).
         *
         * @param value the id
         * @return this builder
         */
        public Builder appAppleId(long value) {
            this.appAppleId = value;
            return this;
        }

        /**
         * Adds a trusted root.
         *
         * @param root the root certificate
         * @return this builder
         */
        public Builder trustedRoot(X509Certificate root) {
            trustedRoots.add(Objects.requireNonNull(root, "root"));
            return this;
        }

        /**
         * Adds a product.
         *
         * @param product the product
         * @return this builder
         */
        public Builder product(AppleProduct product) {
            Objects.requireNonNull(product, "product");
            if (products.putIfAbsent(product.productId(), product) != null) {
                repeatedProducts.add(product.productId());
            }
            return this;
        }

        /**
         * Sets the map from account tokens to learners (default: none known, so every purchase is kept for review).
         *
         * @param value the map
         * @return this builder
         */
        public Builder accounts(AppleAccounts value) {
            this.accounts = Objects.requireNonNull(value, "accounts");
            return this;
        }

        /**
         * Turns online checks on or off (default off): see {@link AppleConfig#onlineChecks()}.
         *
         * @param value whether to check at the current time and for revocation
         * @return this builder
         */
        public Builder onlineChecks(boolean value) {
            this.onlineChecks = value;
            return this;
        }

        /**
         * Sets how old a notification's signed date may be (default 7 days, longer than Apple's resend schedule).
         *
         * @param value the window, positive
         * @return this builder
         */
        public Builder replayWindow(Duration value) {
            this.replayWindow = value;
            return this;
        }

        /**
         * Sets how far a signed date may lie in the future (default 5 minutes).
         *
         * @param value the skew, not negative
         * @return this builder
         */
        public Builder clockSkew(Duration value) {
            this.clockSkew = value;
            return this;
        }

        /**
         * Sets the App Store Server API key (App Store Connect, Users and Access, Integrations, In-App Purchase).
         *
         * @param issuerId the issuer id
         * @param keyId    the key id
         * @param key      the private key of the {@code .p8} file (EC P-256)
         * @return this builder
         */
        public Builder apiKey(String issuerId, String keyId, PrivateKey key) {
            this.issuerId = issuerId;
            this.keyId = keyId;
            this.apiKey = key instanceof ECPrivateKey ec ? ec : null;
            this.rejectedKey = key instanceof ECPrivateKey ? null : key;
            return this;
        }

        /**
         * Overrides the App Store Server API's base URL (tests).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder apiBaseUrl(String value) {
            this.apiBaseUrl = value;
            return this;
        }

        /**
         * Sets the HTTP client (default: a new one).
         *
         * @param value the client
         * @return this builder
         */
        public Builder http(SharedHttpClient value) {
            this.http = value;
            return this;
        }

        /**
         * Sets the grace period of auto-renewable subscriptions: set it to the billing grace period chosen in App
         * Store Connect (3, 16 or 28 days), with no retries, since Apple retries the charge by itself. A failed
         * renewal keeps access that long after the paid period ends; a renewal within it continues the subscription
         * with no gap. Default {@link DunningPolicy#none()} (Apple's default: no grace period), where access ends
         * with the paid period and a later successful retry starts a new period.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder dunning(DunningPolicy value) {
            this.dunning = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         * @throws io.learnloop.core.error.ValidationException naming every bad setting
         */
        public AppleConfig build() {
            Validator v = new Validator().notBlank("bundleId", bundleId, 255).notNull("environment", environment)
                    .check(environment != AppleEnvironment.PRODUCTION || appAppleId != null, "appAppleId",
                            "is required in production: set the app's Apple id from App Store Connect")
                    .check(!trustedRoots.isEmpty(), "trustedRoots",
                            "add at least one root: Apple Root CA - G3 from https://www.apple.com/certificateauthority/")
                    .check(repeatedProducts.isEmpty(), "products", "repeat product ids " + repeatedProducts)
                    .check(replayWindow != null && !replayWindow.isNegative() && !replayWindow.isZero(), "replayWindow", "must be positive")
                    .check(clockSkew != null && !clockSkew.isNegative(), "clockSkew", "must not be negative")
                    .notNull("dunning", dunning)
                    .check(rejectedKey == null, "apiKey", "must be an EC (P-256) private key, the .p8 key Apple issues");
            if (apiKey != null || issuerId != null || keyId != null) {
                v.notBlank("issuerId", issuerId, 128).notBlank("keyId", keyId, 64).notNull("apiKey", apiKey);
            }
            v.throwIfInvalid();
            return new AppleConfig(this);
        }
    }
}
