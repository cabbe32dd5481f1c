package io.learnloop.spring;

import io.learnloop.spring.autoconfigure.LearnloopAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopCommunityAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopHealthAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopJobsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopObservationAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopRestAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPaymentsAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopPrivacyAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopRecommendAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopSecurityAutoConfiguration;
import io.learnloop.spring.autoconfigure.LearnloopWebhooksAutoConfiguration;
import io.learnloop.spring.internal.PropertiesFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What Spring Boot finds on the class path: every auto-configuration and the failure analyzer. */
class RegistrationTest {
    @Test
    void autoConfigurationImports_whenLoaded_listEveryAutoConfigurationClass() {
        List<String> imports = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(name -> {
            if (name.startsWith("io.learnloop.")) {
                imports.add(name);
            }
        });

        assertThat(imports).containsExactlyInAnyOrderElementsOf(Stream.of(LearnloopAutoConfiguration.class,
                LearnloopPaymentsAutoConfiguration.class, LearnloopCommunityAutoConfiguration.class,
                LearnloopJobsAutoConfiguration.class, LearnloopWebhooksAutoConfiguration.class,
                LearnloopSecurityAutoConfiguration.class, LearnloopHealthAutoConfiguration.class,
                LearnloopObservationAutoConfiguration.class, LearnloopRestAutoConfiguration.class,
                LearnloopPrivacyAutoConfiguration.class, LearnloopRecommendAutoConfiguration.class)
                .map(Class::getName).toList());
    }

    @Test
    void failureAnalyzers_whenLoaded_includeThePropertiesAnalyzer() throws IOException {
        List<String> analyzers = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            String names = factories.getProperty(FailureAnalyzer.class.getName());
            if (names != null) {
                analyzers.addAll(List.of(names.split(",")));
            }
        }

        assertThat(analyzers).contains(PropertiesFailureAnalyzer.class.getName());
    }
}
