package io.learnloop.core.internal.reputation;

import io.learnloop.core.identity.UserId;

/**
 * How many awards one actor gave on one UTC day. Every award updates it with a compare-and-set, so two concurrent
 * awards cannot both take the day's last place under the cap.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param id     {@code actor|day}
 * @param actor  the actor
 * @param day    the UTC day, ISO format
 * @param awards how many awards the actor gave that day
 */
public record ActorDay(String id, UserId actor, String day, int awards) {
}
