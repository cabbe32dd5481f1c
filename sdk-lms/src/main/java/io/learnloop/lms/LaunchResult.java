package io.learnloop.lms;

import io.learnloop.core.access.AccessDecision;
import io.learnloop.core.access.Grant;

/**
 * What a verified launch leads to. For a resource link: the course or lesson the link names, and whether the learner
 * may open it, decided by the core's access ledger (their own purchase, a membership, a free enrolment, or a seat of
 * an organisation licence consumed by this or an earlier launch). For Deep Linking: the launch only; answer it with
 * {@link LtiTool#deepLinkingResponse}.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param launch   the verified launch
 * @param decision the access decision for a resource link; null for Deep Linking
 * @param seat     the grant of the organisation seat that lets the learner in, when a seat does; else null
 */
public record LaunchResult(LtiLaunch launch, AccessDecision decision, Grant seat) {
    /**
     * Whether the learner may open what the link names.
     *
     * @return true when a resource link launch is allowed; false for Deep Linking and refusals
     */
    public boolean allowed() {
        return decision != null && decision.allowed();
    }
}
