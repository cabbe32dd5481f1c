package io.learnloop.payment.internal.apple;

import io.learnloop.payment.apple.AppleTransaction;

import java.time.Instant;

/**
 * A verified {@code ResponseBodyV2DecodedPayload}, with its signed transaction and renewal info verified too.
 *
 * @param notificationType {@code notificationType}
 * @param subtype          {@code subtype}, or null
 * @param notificationUuid {@code notificationUUID}
 * @param signedDate       {@code signedDate}
 * @param transaction      {@code data.signedTransactionInfo}, or null
 * @param renewal          {@code data.signedRenewalInfo}, or null
 */
public record AppleNotification(String notificationType, String subtype, String notificationUuid, Instant signedDate,
                                AppleTransaction transaction, AppleRenewal renewal) {
}
