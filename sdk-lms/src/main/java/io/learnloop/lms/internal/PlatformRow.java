package io.learnloop.lms.internal;

import io.learnloop.lms.PlatformRegistration;

/**
 * A stored platform registration.
 *
 * @param id           {@link Keys#of} issuer and client id
 * @param registration the registration
 */
record PlatformRow(String id, PlatformRegistration registration) {
}
