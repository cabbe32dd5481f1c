package io.learnloop.community.internal.discourse;

import io.learnloop.core.ServiceContext;
import io.learnloop.core.error.ConflictException;
import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.Versioned;

/**
 * Translates between host user ids and Discourse usernames. Forward it is the {@link Usernames} rule; back, a
 * username kept as it is names its host id directly, and a derived one is looked up among the links
 * {@link #remember} stored when the user was synced. A Discourse user the SDK never synced keeps its username as id.
 *
 * <p>Thread-safe: immutable; links are unique inserts in the store.
 */
final class DiscourseUsers {
    private final ServiceContext ctx;

    DiscourseUsers(ServiceContext ctx) {
        this.ctx = ctx;
    }

    String username(UserId user) {
        return Usernames.of(user.value());
    }

    /** Keeps the way back from a derived username; nothing to keep when the id is the username. */
    void remember(UserId user) {
        String username = username(user);
        if (username.equals(user.value())) {
            return;
        }
        try {
            ctx.transact(uow -> uow.find(Links.USER, username).isPresent() ? null
                    : uow.insert(Links.USER, new Links.UserLink(username, user.value())));
        } catch (ConflictException concurrentSync) {
            // Another sync of the same user stored the same link first.
        }
    }

    UserId hostId(String username) {
        if (username == null || username.isBlank()) {
            return null;
        }
        if (Usernames.isDerived(username)) {
            String hostId = ctx.read(uow -> uow.find(Links.USER, username)).map(Versioned::value)
                    .map(Links.UserLink::hostId).orElse(username);
            return new UserId(hostId);
        }
        return new UserId(username);
    }
}
