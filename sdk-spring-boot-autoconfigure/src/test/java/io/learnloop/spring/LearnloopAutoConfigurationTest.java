package io.learnloop.spring;

import io.learnloop.core.Learnloop;
import io.learnloop.core.credential.CertificatePolicy;
import io.learnloop.core.credential.IssuerProfile;
import io.learnloop.core.credential.SigningKey;
import io.learnloop.core.error.ErrorCode;
import io.learnloop.core.error.LearnloopException;
import io.learnloop.core.error.ValidationException;
import io.learnloop.core.store.Store;
import io.learnloop.core.store.Stores;
import io.learnloop.jdbc.JdbcStore;
import io.learnloop.payment.Payments;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.payment.wechat.WechatPayProvider;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopJobsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.JobScheduler;
import io.learnloop.spring.internal.PropertiesFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LearnloopAutoConfigurationTest {
    private static final KeyPair KEYS = TestKeys.rsa2048();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                    LearnloopPaymentsAutoConfiguration.class, LearnloopJobsAutoConfiguration.class));

    private ApplicationContextRunner withDatabase() {
        DataSource ds = TestShop.h2();
        return runner.withBean(DataSource.class, () -> ds);
    }

    @Test
    void context_whenDataSourcePresent_providesClockStoreFacadeAndJobs() {
        withDatabase().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Clock.class).hasSingleBean(JdbcStore.class)
                    .hasSingleBean(Learnloop.class).hasSingleBean(LearnloopJobs.class).hasSingleBean(JobScheduler.class)
                    .doesNotHaveBean(Payments.class);
            // the migrated store works: a course can be created and read back
            TestShop shop = new TestShop(context.getBean(Learnloop.class), 19900, "CNY");
            assertThat(shop.order("k1").id()).isNotNull();
        });
    }

    @Test
    void context_whenNoDataSource_backsOffWithoutFacade() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Learnloop.class)
                .doesNotHaveBean(Store.class));
    }

    @Test
    void learnloop_whenHostDefinesBuilderCustomizer_buildsTheFacadeWithItsSettings() {
        SigningKey key = SigningKey.of("host-key", KEYS);
        LearnloopBuilderCustomizer certificates = b -> b.certificates(CertificatePolicy.defaults(
                new IssuerProfile("https://shop.example/issuer", "Example Academy")), key);
        withDatabase().withBean(LearnloopBuilderCustomizer.class, () -> certificates).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Learnloop.class).certificates().jwks()).contains("\"kid\":\"host-key\"");
        });
    }

    @Test
    void learnloop_whenNoBuilderCustomizer_hasNoCertificates() {
        withDatabase().run(context -> assertThatThrownBy(() -> context.getBean(Learnloop.class).certificates())
                .isInstanceOf(LearnloopException.class)
                .satisfies(e -> assertThat(((LearnloopException) e).code()).isEqualTo(ErrorCode.CONFIGURATION)));
    }

    @Test
    void context_whenHostDefinesClockAndStore_usesTheirs() {
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        Store memory = Stores.inMemory();
        withDatabase().withBean(Clock.class, () -> fixed).withBean(Store.class, () -> memory).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(JdbcStore.class);
            assertThat(context.getBean(Clock.class)).isSameAs(fixed);
            assertThat(context.getBean(Learnloop.class).context().store()).isSameAs(memory);
            assertThat(context.getBean(Learnloop.class).context().clock()).isSameAs(fixed);
        });
    }

    @Test
    void context_whenJobsDisabled_hasJobsButNoScheduler() {
        withDatabase().withPropertyValues("learnloop.jobs.enabled=false").run(context ->
                assertThat(context).hasSingleBean(LearnloopJobs.class).doesNotHaveBean(JobScheduler.class));
    }

    @Test
    void jobs_whenRunOnce_runsTheFacadesWork() {
        withDatabase().withPropertyValues("learnloop.jobs.enabled=false").run(context -> {
            LearnloopJobs.Run run = context.getBean(LearnloopJobs.class).runOnce();
            assertThat(run.jobs().grantsExpired()).isZero();
            assertThat(run.reconciliation()).isNull();
        });
    }

    @Test
    void context_whenMigrationCheckedOnEmptyDatabase_failsNamingTheSchema() {
        withDatabase().withPropertyValues("learnloop.store.migration=check").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("schema");
        });
    }

    @Test
    void context_whenStripeKeySet_configuresStripeAndPayments() {
        withDatabase().withPropertyValues("learnloop.payments.stripe.api-key=sk_test_abc",
                "learnloop.payments.stripe.webhook-secret=whsec_abc").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(StripeProvider.class).hasSingleBean(Payments.class)
                            .doesNotHaveBean(AlipayProvider.class).doesNotHaveBean(WechatPayProvider.class);
                    assertThat(context.getBean(LearnloopJobs.class).runOnce().reconciliation()).isNotNull();
                });
    }

    @Test
    void context_whenAlipayAndWechatKeysSet_configuresBoth() {
        withDatabase().withPropertyValues(alipay()).withPropertyValues(wechat()).run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(AlipayProvider.class)
                        .hasSingleBean(WechatPayProvider.class).hasSingleBean(Payments.class));
    }

    @Test
    void context_whenHostDefinesStripeProvider_usesTheirs() {
        StripeProvider own = new StripeProvider(io.learnloop.payment.stripe.StripeConfig
                .builder(io.learnloop.payment.Secret.of("sk_host")).webhookSecret(io.learnloop.payment.Secret.of("whsec_host")).build());
        withDatabase().withBean(StripeProvider.class, () -> own).withPropertyValues(
                "learnloop.payments.stripe.api-key=sk_test_abc", "learnloop.payments.stripe.webhook-secret=whsec_abc")
                .run(context -> assertThat(context.getBean(StripeProvider.class)).isSameAs(own));
    }

    @Test
    void context_whenStripeWebhookSecretMissing_failsNamingThePropertyAndTheFix() {
        withDatabase().withPropertyValues("learnloop.payments.stripe.api-key=sk_test_abc").run(context -> {
            assertThat(context).hasFailed();
            ValidationException e = validation(context.getStartupFailure());
            assertThat(e.fields()).containsExactly("learnloop.payments.stripe.webhook-secret");
            assertThat(e.getMessage()).contains("whsec_").doesNotContain("sk_test_abc");
        });
    }

    @Test
    void context_whenSeveralSettingsBad_listsEveryOneAtOnce() {
        withDatabase().withPropertyValues("learnloop.payments.alipay.app-id=2021000123456789",
                "learnloop.payments.alipay.app-private-key=not-a-key", "learnloop.jobs.interval=0s",
                "learnloop.webhooks.alipay=/hooks/same", "learnloop.webhooks.stripe=/hooks/same").run(context -> {
                    ValidationException e = validation(context.getStartupFailure());
                    assertThat(e.fields()).containsExactlyInAnyOrder("learnloop.payments.alipay.app-private-key",
                            "learnloop.payments.alipay.alipay-public-key", "learnloop.payments.alipay.notify-url",
                            "learnloop.jobs.interval", "learnloop.webhooks.alipay");
                    assertThat(e.getMessage()).contains("PKCS#8").contains("openssl pkcs8").doesNotContain("not-a-key");
                });
    }

    @Test
    void context_whenSecretWrittenInConfigFile_failsAskingForTheEnvironment() {
        withDatabase().withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                "Config resource 'class path resource [application.yml]' via location 'optional:classpath:/'",
                Map.of("learnloop.payments.stripe.api-key", "sk_live_written_down",
                        "learnloop.payments.stripe.webhook-secret", "whsec_abc")))).run(context -> {
                    ValidationException e = validation(context.getStartupFailure());
                    assertThat(e.fields()).containsExactlyInAnyOrder("learnloop.payments.stripe.api-key",
                            "learnloop.payments.stripe.webhook-secret");
                    assertThat(e.getMessage()).contains("LEARNLOOP_PAYMENTS_STRIPE_APIKEY").contains("application.yml")
                            .doesNotContain("sk_live_written_down");
                });
    }

    @Test
    void failureAnalyzer_whenPropertiesRefused_describesEachPropertyAndTheAction() {
        withDatabase().withPropertyValues("learnloop.payments.stripe.api-key=sk_test_abc").run(context -> {
            FailureAnalysis analysis = new PropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("learnloop.payments.stripe.webhook-secret");
            assertThat(analysis.getAction()).contains("environment");
        });
    }

    @Test
    void properties_whenPrinted_neverShowSecrets() {
        withDatabase().withPropertyValues("learnloop.payments.stripe.api-key=sk_test_hidden",
                "learnloop.payments.stripe.webhook-secret=whsec_hidden").withPropertyValues(alipay())
                .withPropertyValues(wechat()).run(context -> {
                    String printed = context.getBean(CheckedProperties.class).toString()
                            + context.getBean(LearnloopProperties.class) + context.getBean(Payments.class);
                    assertThat(printed).doesNotContain("sk_test_hidden").doesNotContain("whsec_hidden")
                            .doesNotContain(TestKeys.bare(KEYS.getPrivate().getEncoded()).substring(0, 40))
                            .doesNotContain("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb").contains("(redacted)");
                });
    }

    static ValidationException validation(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof ValidationException)) {
            t = t.getCause();
        }
        assertThat(t).as("a ValidationException in the startup failure %s", failure).isNotNull();
        return (ValidationException) t;
    }

    static String[] alipay() {
        return new String[]{"learnloop.payments.alipay.app-id=2021000123456789",
                "learnloop.payments.alipay.app-private-key=" + TestKeys.bare(KEYS.getPrivate().getEncoded()),
                "learnloop.payments.alipay.alipay-public-key=" + TestKeys.bare(KEYS.getPublic().getEncoded()),
                "learnloop.payments.alipay.notify-url=https://shop.example/learnloop/webhooks/alipay"};
    }

    static String[] wechat() {
        return new String[]{"learnloop.payments.wechatpay.merchant-id=1900009191",
                "learnloop.payments.wechatpay.app-id=wxd678efh567hg6787",
                "learnloop.payments.wechatpay.merchant-serial-number=3775B6A45ACD588826D15E583A95F5DD2C3A4F1B",
                "learnloop.payments.wechatpay.merchant-private-key=" + TestKeys.bare(KEYS.getPrivate().getEncoded()),
                "learnloop.payments.wechatpay.api-v3-key=a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb",
                "learnloop.payments.wechatpay.platform-public-key-id=PUB_KEY_ID_0114232134912410000000000000",
                "learnloop.payments.wechatpay.platform-public-key=" + TestKeys.bare(KEYS.getPublic().getEncoded()),
                "learnloop.payments.wechatpay.notify-url=https://shop.example/learnloop/webhooks/wechatpay"};
    }
}
