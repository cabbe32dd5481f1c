package io.learnloop.community;

import io.learnloop.core.identity.UserId;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The host's entitlements as tests set them: grant on purchase, revoke on refund. */
final class Entitlements implements CourseAccess {
    private final Set<String> grants = ConcurrentHashMap.newKeySet();

    void grant(String user, String courseId) {
        grants.add(user + "|" + courseId);
    }

    void revoke(String user, String courseId) {
        grants.remove(user + "|" + courseId);
    }

    @Override
    public boolean entitled(UserId user, String courseId) {
        return grants.contains(user.value() + "|" + courseId);
    }
}
