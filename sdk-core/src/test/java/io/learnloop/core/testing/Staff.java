package io.learnloop.core.testing;

import io.learnloop.core.identity.Actor;
import io.learnloop.core.identity.Role;

/**
 * The platform's people in tests.
 */
public final class Staff {
    /** An admin. */
    public static final Actor ADMIN = Actor.of("root", Role.ADMIN);
    /** Someone from finance. */
    public static final Actor FINANCE = Actor.of("cashier", Role.FINANCE);

    private Staff() {
    }
}
