package io.learnloop.spring;

import io.learnloop.core.Learnloop;

/**
 * Adjusts the {@link Learnloop.Builder} before the starter builds the facade: the settings that are code, not
 * properties, such as certificates with the host's signing key, the revenue policy or the progress policy. Every bean
 * of this type is applied, in their order, after the starter has set the store, the clock, the tenant and the
 * listeners. A host that defines its own {@link Learnloop} bean needs none.
 *
 * <p>Implementations must be thread-safe; the starter calls them once, at startup.
 */
@FunctionalInterface
public interface LearnloopBuilderCustomizer {
    /**
     * Adjusts the builder.
     *
     * @param builder the builder the starter is about to build, never null
     */
    void customize(Learnloop.Builder builder);
}
