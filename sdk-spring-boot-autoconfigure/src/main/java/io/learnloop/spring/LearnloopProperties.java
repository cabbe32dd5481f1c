package io.learnloop.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The {@code learnloop.*} configuration properties. Secrets (API keys, webhook secrets, private keys) are read like
 * every other property, but belong in the environment ({@code LEARNLOOP_PAYMENTS_STRIPE_APIKEY}) or a secret store
 * that Spring reads as a property source, never in a configuration file: startup refuses a secret found in one.
 * They never appear in {@link #toString()}.
 *
 * <p>Thread-safe: immutable records.
 *
 * @param tenant   the tenant this application serves, or null for the default tenant
 * @param store    the store on the application's {@code DataSource}
 * @param payments the payment providers; each one is configured when its key properties are set
 * @param webhooks where the provider webhook endpoints are mounted
 * @param community the Discourse community backend
 * @param jobs     the SDK's scheduled work (due jobs, outbox delivery, payment reconciliation)
 * @param health   the actuator health indicators
 * @param api      the HTTP API for front ends (with sdk-rest on the class path)
 * @param retention how long each data class is kept before the daily retention job deletes it
 * @param privacy  the personal-data erasure of the modules on the class path
 */
@ConfigurationProperties(prefix = "learnloop")
public record LearnloopProperties(String tenant, @DefaultValue Store store, @DefaultValue Payments payments,
                                  @DefaultValue Webhooks webhooks, @DefaultValue Community community,
                                  @DefaultValue Jobs jobs, @DefaultValue Health health, @DefaultValue Api api,
                                  @DefaultValue Retention retention, @DefaultValue Privacy privacy) {

    /**
     * What to do with the schema when the application starts.
     *
     * <p>Thread-safe: an enum.
     */
    public enum Migration {
        /** Apply pending migrations, then open the store. */
        RUN,
        /** Open the store only if the schema is current (migrations run elsewhere, for example at deploy time). */
        CHECK
    }

    /**
     * The store on the application's {@code DataSource} (PostgreSQL, MySQL/MariaDB or H2, detected).
     *
     * <p>Thread-safe: immutable record.
     *
     * @param migration run or only check the schema migrations at startup
     */
    public record Store(@DefaultValue("run") Migration migration) {
    }

    /**
     * The payment providers.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param reconcileAfter how long a payment may wait before reconciliation asks its provider
     * @param stripe         Stripe, configured when {@code api-key} is set
     * @param alipay         Alipay, configured when {@code app-id} is set
     * @param wechatpay      WeChat Pay APIv3, configured when {@code merchant-id} is set
     */
    public record Payments(@DefaultValue("15m") Duration reconcileAfter, @DefaultValue Stripe stripe,
                           @DefaultValue Alipay alipay, @DefaultValue Wechatpay wechatpay) {
    }

    /**
     * One Stripe account.
     *
     * <p>Thread-safe: immutable record; secrets never appear in {@link #toString()}.
     *
     * @param apiKey        the secret API key ({@code sk_…} or {@code rk_…}); a secret
     * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_…}); a secret
     * @param baseUrl       the API base URL, or null for Stripe's
     * @param apiVersion    the pinned {@code Stripe-Version}, or null for the account's default
     * @param stripeAccount a connected account ({@code acct_…}) to act for, or null
     * @param tolerance     how far a webhook timestamp may be off, or null for the SDK's default (300 s)
     */
    public record Stripe(String apiKey, String webhookSecret, String baseUrl, String apiVersion, String stripeAccount,
                         Duration tolerance) {
        /**
         * Whether Stripe is configured.
         *
         * @return true when the API key is set
         */
        public boolean enabled() {
            return present(apiKey);
        }

        @Override
        public String toString() {
            return "Stripe[apiKey=" + redacted(apiKey) + ", webhookSecret=" + redacted(webhookSecret) + ", baseUrl="
                    + baseUrl + ", apiVersion=" + apiVersion + ", stripeAccount=" + stripeAccount + ", tolerance="
                    + tolerance + "]";
        }
    }

    /**
     * One Alipay application in public-key mode.
     *
     * <p>Thread-safe: immutable record; secrets never appear in {@link #toString()}.
     *
     * @param appId           the application's id
     * @param appPrivateKey   the application's RSA private key (PKCS#8, PEM or bare Base64); a secret
     * @param alipayPublicKey Alipay's public key (X.509 SubjectPublicKeyInfo, PEM or bare Base64), not the app's
     * @param sellerId        the seller's Alipay user id (2088…), checked on notifications, or null
     * @param notifyUrl       the public URL of this application's Alipay webhook endpoint
     * @param gatewayUrl      the gateway URL, or null for Alipay's
     */
    public record Alipay(String appId, String appPrivateKey, String alipayPublicKey, String sellerId,
                         String notifyUrl, String gatewayUrl) {
        /**
         * Whether Alipay is configured.
         *
         * @return true when the app id is set
         */
        public boolean enabled() {
            return present(appId);
        }

        @Override
        public String toString() {
            return "Alipay[appId=" + appId + ", appPrivateKey=" + redacted(appPrivateKey) + ", sellerId=" + sellerId
                    + ", notifyUrl=" + notifyUrl + ", gatewayUrl=" + gatewayUrl + "]";
        }
    }

    /**
     * One WeChat Pay APIv3 merchant, verifying notifications with WeChat Pay's public key.
     *
     * <p>Thread-safe: immutable record; secrets never appear in {@link #toString()}.
     *
     * @param merchantId           the merchant id (mchid)
     * @param appId                the app id bound to the merchant
     * @param merchantSerialNumber the serial number of the merchant's API certificate
     * @param merchantPrivateKey   the merchant's API private key (PKCS#8, PEM or bare Base64); a secret
     * @param apiV3Key             the 32-character APIv3 key; a secret
     * @param platformPublicKey    WeChat Pay's public key (PEM or bare Base64)
     * @param platformPublicKeyId  the id of WeChat Pay's public key ({@code PUB_KEY_ID_…})
     * @param notifyUrl            the public URL of this application's WeChat Pay webhook endpoint
     * @param baseUrl              the API base URL, or null for WeChat Pay's
     */
    public record Wechatpay(String merchantId, String appId, String merchantSerialNumber, String merchantPrivateKey,
                            String apiV3Key, String platformPublicKeyId, String platformPublicKey, String notifyUrl,
                            String baseUrl) {
        /**
         * Whether WeChat Pay is configured.
         *
         * @return true when the merchant id is set
         */
        public boolean enabled() {
            return present(merchantId);
        }

        @Override
        public String toString() {
            return "Wechatpay[merchantId=" + merchantId + ", appId=" + appId + ", merchantSerialNumber="
                    + merchantSerialNumber + ", merchantPrivateKey=" + redacted(merchantPrivateKey) + ", apiV3Key="
                    + redacted(apiV3Key) + ", platformPublicKeyId=" + platformPublicKeyId + ", notifyUrl=" + notifyUrl
                    + ", baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * Where each provider's webhook endpoint is mounted (POST). An endpoint exists only for a configured provider.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param stripe    the Stripe endpoint's path
     * @param alipay    the Alipay endpoint's path
     * @param wechatpay the WeChat Pay endpoint's path
     * @param discourse the Discourse endpoint's path
     */
    public record Webhooks(@DefaultValue("/learnloop/webhooks/stripe") String stripe,
                           @DefaultValue("/learnloop/webhooks/alipay") String alipay,
                           @DefaultValue("/learnloop/webhooks/wechatpay") String wechatpay,
                           @DefaultValue("/learnloop/webhooks/discourse") String discourse) {
    }

    /**
     * The community backend.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param discourse a Discourse site, configured when {@code base-url} is set
     */
    public record Community(@DefaultValue Discourse discourse) {
    }

    /**
     * A Discourse site.
     *
     * <p>Thread-safe: immutable record; secrets never appear in {@link #toString()}.
     *
     * @param baseUrl       the site's URL
     * @param apiKey        an admin API key; a secret
     * @param apiUsername   the user the API key acts as, or null for {@code system}
     * @param webhookSecret the secret of the site's webhook (at least 12 characters), or null for no endpoint; a secret
     */
    public record Discourse(String baseUrl, String apiKey, String apiUsername, String webhookSecret) {
        /**
         * Whether the Discourse backend is configured.
         *
         * @return true when the base URL is set
         */
        public boolean enabled() {
            return present(baseUrl);
        }

        @Override
        public String toString() {
            return "Discourse[baseUrl=" + baseUrl + ", apiKey=" + redacted(apiKey) + ", apiUsername=" + apiUsername
                    + ", webhookSecret=" + redacted(webhookSecret) + "]";
        }
    }

    /**
     * The SDK's scheduled work, run by every instance (jobs are claimed with leases in the store, so instances never
     * run one job twice).
     *
     * <p>Thread-safe: immutable record.
     *
     * @param enabled  whether this instance runs the work
     * @param interval the pause between two runs
     */
    public record Jobs(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration interval) {
    }

    /**
     * The actuator health indicators.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param outboxLagThreshold the outbox delivery lag above which the outbox is reported DOWN
     */
    public record Health(@DefaultValue("5m") Duration outboxLagThreshold) {
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String redacted(String secret) {
        return present(secret) ? "(redacted)" : "(unset)";
    }

    /**
     * The HTTP API for front ends, mounted when sdk-rest is on the class path.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param basePath     where the API is mounted; every route lies below it
     * @param maxBodyBytes the largest request body read, in bytes
     */
    public record Api(@DefaultValue("/learnloop/api") String basePath, @DefaultValue("65536") int maxBodyBytes) {
    }

    /**
     * How long each data class is kept before the daily retention job of the scheduled work deletes it (see
     * {@code RetentionPolicy}). A class left unset keeps the SDK's default; a class listed in {@code keep} is never
     * pruned. Each retention is at least one hour.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param outbox          delivered outbox events (default 7 days)
     * @param xapiSent        xAPI statements an LRS accepted (default 30 days; pruned once sdk-lms's pruner is a bean)
     * @param restIdempotency stored responses of the HTTP API's {@code Idempotency-Key} headers (default 7 days)
     * @param keep            data classes never pruned, by name ({@code outbox}, {@code xapi-sent},
     *                        {@code rest-idempotency})
     */
    public record Retention(Duration outbox, Duration xapiSent, Duration restIdempotency,
                            @DefaultValue List<String> keep) {
        /**
         * Copies the list.
         *
         * @param outbox          delivered outbox events
         * @param xapiSent        xAPI statements an LRS accepted
         * @param restIdempotency stored idempotency responses
         * @param keep            data classes never pruned
         */
        public Retention {
            keep = keep == null ? List.of() : List.copyOf(keep);
        }
    }

    /**
     * What the personal-data erasure of each module does where the module leaves a choice.
     *
     * <p>Thread-safe: immutable record.
     *
     * @param postsOnErasure what becomes of an erased learner's community posts: {@code anonymise} keeps them under
     *                       the pseudonym, {@code remove} erases their text
     */
    public record Privacy(@DefaultValue("anonymise") PostsOnErasure postsOnErasure) {
    }

    /**
     * What becomes of an erased learner's community posts; the same choices as sdk-community's own, so this type
     * names none of its classes (sdk-community is optional).
     *
     * <p>Thread-safe: an enum.
     */
    public enum PostsOnErasure {
        /** Posts stay, under the pseudonym. */
        ANONYMISE,
        /** Post text is erased and posts are marked removed. */
        REMOVE
    }
}
