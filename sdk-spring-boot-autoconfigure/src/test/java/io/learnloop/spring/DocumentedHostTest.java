package io.learnloop.spring;

import io.learnloop.jdbc.JdbcStores;
import io.learnloop.payment.Payments;
import io.learnloop.payment.alipay.AlipayProvider;
import io.learnloop.payment.stripe.StripeProvider;
import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host of docs/spring-boot.md: its configuration and environment variables, read from the page itself, start the
 * starter; the Java blocks of the page are excerpts of {@link CheckoutController} and {@link HostIdentity}.
 */
class DocumentedHostTest {
    private static final Path PAGE = Path.of("../docs/spring-boot.md");
    private static final KeyPair KEYS = TestKeys.rsa2048();

    @Test
    void documentedConfiguration_whenSecretsComeFromTheEnvironment_startsWithBothProviders() throws IOException {
        String page = Files.readString(PAGE);
        Map<String, Object> properties = properties(block(page, "properties"));
        Map<String, Object> environment = new HashMap<>();
        for (String name : exports(block(page, "bash"))) {
            environment.put(name, testValue(name));
        }
        DataSource ds = TestShop.h2();
        // the page runs migrations at deploy time (learnloop.store.migration=check)
        JdbcStores.migrate(ds);

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LearnloopAutoConfiguration.class,
                        LearnloopPaymentsAutoConfiguration.class, LearnloopSecurityAutoConfiguration.class))
                .withUserConfiguration(HostIdentity.class)
                .withBean(DataSource.class, () -> ds)
                .withInitializer(ctx -> {
                    ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
                    ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource(
                            "Config resource 'class path resource [application.properties]' via location 'optional:classpath:/'",
                            properties));
                })
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(StripeProvider.class)
                            .hasSingleBean(AlipayProvider.class).hasSingleBean(Payments.class);
                    assertThat(context.getBean(ActorMapper.class)).isNotInstanceOf(
                            io.learnloop.spring.internal.RoleAuthorityActorMapper.class);
                    assertThat(context.getBean(LearnloopProperties.class).store().migration())
                            .isEqualTo(LearnloopProperties.Migration.CHECK);
                });
    }

    private static String testValue(String name) {
        return switch (name) {
            case "LEARNLOOP_PAYMENTS_ALIPAY_APPPRIVATEKEY" -> TestKeys.pem("PRIVATE KEY", KEYS.getPrivate().getEncoded());
            case "LEARNLOOP_PAYMENTS_ALIPAY_ALIPAYPUBLICKEY" -> TestKeys.bare(KEYS.getPublic().getEncoded());
            default -> "test-value-of-" + name.toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String block(String page, String info) {
        Matcher m = Pattern.compile("```" + info + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a ```%s block in %s", info, PAGE).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> properties(String block) {
        Map<String, Object> p = new LinkedHashMap<>();
        block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
            int eq = l.indexOf('=');
            p.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        });
        return p;
    }

    private static List<String> exports(String block) {
        return block.lines().map(String::strip).filter(l -> l.startsWith("export "))
                .map(l -> l.substring("export ".length(), l.indexOf('='))).toList();
    }
}
