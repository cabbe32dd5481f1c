package io.learnloop.payment.sandbox;

import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.IdGenerator;
import io.learnloop.payment.ProviderId;
import io.learnloop.payment.Secret;
import io.learnloop.payment.internal.config.ProviderSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of one {@link SandboxProvider}.
 *
 * <p>Thread-safe: immutable. The builder is not thread-safe.
 */
public final class SandboxConfig {
    private final String merchantId;
    private final String signingKeyId;
    private final Map<String, Secret> keys;
    private final Duration delay;
    private final ProviderSettings settings;
    private final IdGenerator ids;

    private SandboxConfig(Builder b) {
        Validator v = new Validator()
                .notBlank("merchantId", b.merchantId, 64)
                .check(!b.keys.isEmpty(), "keys", "add at least one signing key")
                .check(b.signingKeyId == null || b.keys.containsKey(b.signingKeyId), "signingKeyId", "must name a configured key");
        b.settings.checkTolerance(v).throwIfInvalid();
        this.merchantId = b.merchantId;
        this.keys = Map.copyOf(b.keys);
        this.signingKeyId = b.signingKeyId != null ? b.signingKeyId : b.keys.keySet().iterator().next();
        this.delay = b.delay;
        this.settings = b.settings.build();
        this.ids = Objects.requireNonNull(b.ids, "ids");
    }

    /**
     * Starts a builder.
     *
     * @return a builder with the UTC clock, random ids, a 5 minute tolerance and a 10 minute delay
     */
    public static Builder builder() {
        return new Builder();
    }

    ProviderSettings settings() {
        return settings;
    }

    String merchantId() {
        return merchantId;
    }

    String signingKeyId() {
        return signingKeyId;
    }

    Map<String, Secret> keys() {
        return keys;
    }

    Duration delay() {
        return delay;
    }

    IdGenerator ids() {
        return ids;
    }

    @Override
    public String toString() {
        return "SandboxConfig[id=" + settings.id() + ", merchantId=" + merchantId + ", signingKeyId=" + signingKeyId
                + ", keyIds=" + keys.keySet() + ", tolerance=" + settings.tolerance() + "]";
    }

    /**
     * Builds a {@link SandboxConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ProviderSettings.Builder settings = ProviderSettings.local(ProviderId.SANDBOX, Duration.ofMinutes(5));
        private String merchantId = "sandbox-merchant";
        private String signingKeyId;
        private final Map<String, Secret> keys = new LinkedHashMap<>();
        private Duration delay = Duration.ofMinutes(10);
        private IdGenerator ids = IdGenerator.randomUuids();

        private Builder() {
        }

        /**
         * Sets the provider id (to run several sandboxes side by side).
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(ProviderId value) {
            settings.id(value);
            return this;
        }

        /**
         * Sets the merchant id carried in every notification.
         *
         * @param value the id
         * @return this builder
         */
        public Builder merchantId(String value) {
            this.merchantId = value;
            return this;
        }

        /**
         * Adds a key that verifies notifications. During a rotation, add the old and the new key.
         *
         * @param keyId  the key's id, sent in the signature header
         * @param secret the HMAC secret
         * @return this builder
         */
        public Builder key(String keyId, Secret secret) {
            keys.put(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /**
         * Chooses the key that signs new notifications (default: the first added).
         *
         * @param keyId the key's id
         * @return this builder
         */
        public Builder signingKeyId(String keyId) {
            this.signingKeyId = keyId;
            return this;
        }

        /**
         * Sets how far a notification's timestamp may lie in the past or the future.
         *
         * @param value the tolerance
         * @return this builder
         */
        public Builder tolerance(Duration value) {
            settings.tolerance(value);
            return this;
        }

        /**
         * Sets how long {@link SandboxScenario#DELAYED} holds a notification back.
         *
         * @param value the delay
         * @return this builder
         */
        public Builder delay(Duration value) {
            this.delay = Objects.requireNonNull(value, "delay");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            settings.clock(value);
            return this;
        }

        /**
         * Sets the id generator for payment, refund and event ids.
         *
         * @param value the generator
         * @return this builder
         */
        public Builder ids(IdGenerator value) {
            this.ids = value;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public SandboxConfig build() {
            return new SandboxConfig(this);
        }
    }
}
