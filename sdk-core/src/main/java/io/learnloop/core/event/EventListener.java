package io.learnloop.core.event;

/**
 * Receives domain events after their transaction commits, at least once each. A listener that must act once per
 * event dedupes on {@link DomainEvent#id()}. A listener that throws gets the event again on the next delivery.
 *
 * <p>Implementations must be thread-safe: events may be delivered from several threads.
 */
@FunctionalInterface
public interface EventListener {
    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(DomainEvent event);
}
