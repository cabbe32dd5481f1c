package io.learnloop.lms.internal;

import java.time.Instant;

/**
 * A registered deployment of the tool at a platform.
 *
 * @param id           {@link Keys#of} issuer, client id and deployment id
 * @param issuer       the issuer
 * @param clientId     the client id
 * @param deploymentId the deployment id
 * @param registeredAt when it was registered
 */
record DeploymentRow(String id, String issuer, String clientId, String deploymentId, Instant registeredAt) {
}
