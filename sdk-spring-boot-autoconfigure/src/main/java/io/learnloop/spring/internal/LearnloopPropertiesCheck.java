package io.learnloop.spring.internal;

import io.learnloop.spring.LearnloopProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the {@code learnloop.*} properties at startup, all at once, each problem under its property name with what to
 * set. A secret found in a configuration file is refused: it belongs in the environment or a secret store.
 *
 * <p>Thread-safe: stateless.
 */
public final class LearnloopPropertiesCheck {
    private static final String STRIPE = "learnloop.payments.stripe.";
    private static final String ALIPAY = "learnloop.payments.alipay.";
    private static final String WECHAT = "learnloop.payments.wechatpay.";
    private static final String DISCOURSE = "learnloop.community.discourse.";
    /** Boot names the property source of each configuration file so (application.yml, application-prod.properties …). */
    private static final String CONFIG_FILE_SOURCE = "Config resource";
    private static final List<String> SECRETS = List.of(STRIPE + "api-key", STRIPE + "webhook-secret",
            ALIPAY + "app-private-key", WECHAT + "merchant-private-key", WECHAT + "api-v3-key",
            DISCOURSE + "api-key", DISCOURSE + "webhook-secret");

    private LearnloopPropertiesCheck() {
    }

    /**
     * Checks the properties.
     *
     * @param properties  the bound properties
     * @param environment where they were read from
     * @throws io.learnloop.core.error.ValidationException listing every problem, each under its property name
     */
    public static void check(LearnloopProperties properties, Environment environment) {
        PropertyProblems p = new PropertyProblems();
        secretsOutsideConfigFiles(environment, p);
        stripe(properties.payments().stripe(), p);
        alipay(properties.payments().alipay(), p);
        wechat(properties.payments().wechatpay(), p);
        discourse(properties.community().discourse(), p);
        positive(properties.payments().reconcileAfter(), "learnloop.payments.reconcile-after", p);
        positive(properties.jobs().interval(), "learnloop.jobs.interval", p);
        positive(properties.health().outboxLagThreshold(), "learnloop.health.outbox-lag-threshold", p);
        webhooks(properties.webhooks(), p);
        api(properties.api(), p);
        RetentionSettings.check(properties.retention(), p);
        p.throwIfAny();
    }

    private static void secretsOutsideConfigFiles(Environment environment, PropertyProblems p) {
        for (String name : SECRETS) {
            PropertySource<?> source = sourceOf(environment, name);
            if (source != null && source.getName().startsWith(CONFIG_FILE_SOURCE)) {
                p.add(name, "is a secret and must not be written in a configuration file (found in " + source.getName()
                        + "); remove it there and set the environment variable " + envName(name)
                        + " or read it from a secret store");
            }
        }
    }

    private static PropertySource<?> sourceOf(Environment environment, String name) {
        ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(key);
            if (property != null) {
                return source.getUnderlyingSource() instanceof PropertySource<?> ps ? ps : null;
            }
        }
        return null;
    }

    static String envName(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static void stripe(LearnloopProperties.Stripe s, PropertyProblems p) {
        if (!s.enabled()) {
            p.require(!present(s.webhookSecret()), STRIPE + "api-key",
                    "set the Stripe secret API key (sk_…) too, or remove " + STRIPE + "webhook-secret");
            return;
        }
        p.require(present(s.webhookSecret()), STRIPE + "webhook-secret",
                "set the signing secret (whsec_…) of the webhook endpoint in Stripe's dashboard; without it no payment"
                        + " notification can be verified");
        if (s.tolerance() != null) {
            positive(s.tolerance(), STRIPE + "tolerance", p);
        }
    }

    private static void alipay(LearnloopProperties.Alipay a, PropertyProblems p) {
        if (!a.enabled()) {
            return;
        }
        privateKey(a.appPrivateKey(), ALIPAY + "app-private-key", "the application's RSA private key (应用私钥)", p);
        publicKey(a.alipayPublicKey(), ALIPAY + "alipay-public-key", "Alipay's public key (支付宝公钥, not the app's own)", p);
        p.require(present(a.notifyUrl()), ALIPAY + "notify-url",
                "set the public https URL of this application's Alipay endpoint (learnloop.webhooks.alipay)");
    }

    private static void wechat(LearnloopProperties.Wechatpay w, PropertyProblems p) {
        if (!w.enabled()) {
            return;
        }
        p.require(present(w.appId()), WECHAT + "app-id", "set the app id (appid) bound to the merchant");
        p.require(present(w.merchantSerialNumber()), WECHAT + "merchant-serial-number",
                "set the serial number of the merchant API certificate (商户API证书序列号)");
        privateKey(w.merchantPrivateKey(), WECHAT + "merchant-private-key", "the merchant API private key (apiclient_key.pem)", p);
        p.require(present(w.apiV3Key()) && w.apiV3Key().length() == 32, WECHAT + "api-v3-key",
                "set the 32-character APIv3 key (APIv3密钥) from the merchant platform");
        p.require(present(w.platformPublicKeyId()), WECHAT + "platform-public-key-id",
                "set the id of WeChat Pay's public key (PUB_KEY_ID_…)");
        publicKey(w.platformPublicKey(), WECHAT + "platform-public-key", "WeChat Pay's public key (微信支付公钥)", p);
        p.require(present(w.notifyUrl()), WECHAT + "notify-url",
                "set the public https URL of this application's WeChat Pay endpoint (learnloop.webhooks.wechatpay)");
    }

    private static void discourse(LearnloopProperties.Discourse d, PropertyProblems p) {
        if (d.enabled()) {
            p.require(present(d.apiKey()), DISCOURSE + "api-key", "set an admin API key created in /admin/api/keys");
        }
        if (present(d.webhookSecret())) {
            p.require(d.webhookSecret().length() >= 12, DISCOURSE + "webhook-secret",
                    "use the webhook's secret as set in Discourse, at least 12 characters");
        }
    }

    private static void webhooks(LearnloopProperties.Webhooks w, PropertyProblems p) {
        Set<String> seen = new HashSet<>();
        String[][] paths = {{"stripe", w.stripe()}, {"alipay", w.alipay()}, {"wechatpay", w.wechatpay()},
                {"discourse", w.discourse()}};
        for (String[] entry : paths) {
            String name = "learnloop.webhooks." + entry[0];
            String path = entry[1];
            if (path == null || !path.startsWith("/") || path.contains("*") || path.contains("{")) {
                p.add(name, "set a fixed path that starts with '/', for example /learnloop/webhooks/" + entry[0]);
            } else if (!seen.add(path)) {
                p.add(name, "use a path of its own: " + path + " is already the path of another endpoint");
            }
        }
    }

    private static void api(LearnloopProperties.Api api, PropertyProblems p) {
        String path = api.basePath();
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("*") || path.contains("{")) {
            p.add("learnloop.api.base-path", "set a fixed path that starts with '/' and does not end with one, for"
                    + " example /learnloop/api");
        }
        p.require(api.maxBodyBytes() >= 1024 && api.maxBodyBytes() <= 16 * 1024 * 1024, "learnloop.api.max-body-bytes",
                "set 1024 to 16777216 bytes");
    }

    private static void privateKey(String value, String property, String what, PropertyProblems p) {
        if (!present(value)) {
            p.add(property, "set " + what + ", PKCS#8 in PEM or bare Base64");
            return;
        }
        try {
            Pem.privateKey(value);
        } catch (GeneralSecurityException e) {
            p.add(property, "is not an RSA private key in PKCS#8 (PEM or bare Base64); convert a PKCS#1 key with"
                    + " 'openssl pkcs8 -topk8 -nocrypt'");
        }
    }

    private static void publicKey(String value, String property, String what, PropertyProblems p) {
        if (!present(value)) {
            p.add(property, "set " + what + " in PEM or bare Base64");
            return;
        }
        try {
            Pem.publicKey(value);
        } catch (GeneralSecurityException e) {
            p.add(property, "is not an RSA public key (X.509 SubjectPublicKeyInfo, PEM or bare Base64)");
        }
    }

    private static void positive(Duration value, String property, PropertyProblems p) {
        p.require(value != null && !value.isNegative() && !value.isZero(), property, "set a positive duration, for example 5m");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
