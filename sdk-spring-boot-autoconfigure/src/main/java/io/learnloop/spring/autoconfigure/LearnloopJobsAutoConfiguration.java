package io.learnloop.spring.autoconfigure;

import io.learnloop.core.Learnloop;
import io.learnloop.payment.Payments;
import io.learnloop.spring.LearnloopJobs;
import io.learnloop.spring.internal.CheckedProperties;
import io.learnloop.spring.internal.JobScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The SDK's scheduled work ({@link LearnloopJobs}), run every {@code learnloop.jobs.interval} unless
 * {@code learnloop.jobs.enabled=false}.
 *
 * <p>Thread-safe: a Spring configuration class.
 */
@AutoConfiguration(after = {LearnloopAutoConfiguration.class, LearnloopPaymentsAutoConfiguration.class})
@ConditionalOnBean(Learnloop.class)
public class LearnloopJobsAutoConfiguration {
    /** Created by Spring. */
    public LearnloopJobsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LearnloopJobs learnloopJobs(Learnloop learnloop, ObjectProvider<Payments> payments) {
        return new LearnloopJobs(learnloop, payments.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "learnloop.jobs.enabled", havingValue = "true", matchIfMissing = true)
    JobScheduler learnloopJobScheduler(LearnloopJobs jobs, CheckedProperties properties) {
        return new JobScheduler(jobs, properties.get().jobs().interval());
    }
}
