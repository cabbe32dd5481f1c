package io.learnloop.spring.internal;

import io.learnloop.spring.LearnloopProperties;
import org.springframework.core.env.Environment;

/**
 * The {@code learnloop.*} properties after {@link LearnloopPropertiesCheck} accepted them. Every Learnloop bean
 * takes these rather than the raw properties, so a bad setting fails startup once, with every problem listed, before
 * any service is built.
 *
 * <p>Thread-safe: immutable.
 */
public final class CheckedProperties {
    private final LearnloopProperties properties;

    /**
     * Checks the properties.
     *
     * @param properties  the bound properties
     * @param environment where they were read from
     * @throws io.learnloop.core.error.ValidationException listing every problem
     */
    public CheckedProperties(LearnloopProperties properties, Environment environment) {
        LearnloopPropertiesCheck.check(properties, environment);
        this.properties = properties;
    }

    /**
     * The checked properties.
     *
     * @return the properties
     */
    public LearnloopProperties get() {
        return properties;
    }

    @Override
    public String toString() {
        return properties.toString();
    }
}
