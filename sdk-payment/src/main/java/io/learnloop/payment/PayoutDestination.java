package io.learnloop.payment;

import io.learnloop.core.error.Validator;

/**
 * Where a provider sends a payee's money: a Stripe connected account ({@code acct_…}), a WeChat Pay receiver
 * ({@code PERSONAL_OPENID} or {@code MERCHANT_ID} with its account) or an Alipay user ({@code userId} or
 * {@code loginName}). The host keeps the mapping and hands it over per payout; the SDK never stores it.
 *
 * <p>Thread-safe: immutable record. {@link #toString()} hides the account and the name.
 *
 * @param type    the provider's account type ({@code PERSONAL_OPENID}, {@code MERCHANT_ID}, {@code userId}, …), or
 *                null where the provider has one kind (Stripe)
 * @param account the account, 1 to 128 characters
 * @param name    the receiver's real name, checked by the provider when given (WeChat Pay encrypts it), or null
 */
public record PayoutDestination(String type, String account, String name) {
    /**
     * Validates.
     *
     * @param type    the type
     * @param account the account
     * @param name    the name
     */
    public PayoutDestination {
        new Validator().maxLength("type", type, 32).notBlank("account", account, 128).maxLength("name", name, 256)
                .throwIfInvalid();
    }

    /**
     * A destination of a provider with one kind of account.
     *
     * @param account the account, for example a Stripe connected account id
     * @return the destination
     */
    public static PayoutDestination of(String account) {
        return new PayoutDestination(null, account, null);
    }

    @Override
    public String toString() {
        return "PayoutDestination[" + (type == null ? "" : type + " ") + "***]";
    }
}
