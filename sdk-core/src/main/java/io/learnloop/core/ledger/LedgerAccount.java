package io.learnloop.core.ledger;

import io.learnloop.core.error.ValidationException;
import io.learnloop.core.error.Validator;
import io.learnloop.core.identity.Identifier;
import io.learnloop.core.identity.UserId;

/**
 * One ledger account: its kind and owner. Wire form {@code {"kind":"CREATOR","owner":"u-42"}}; the platform has no
 * owner.
 *
 * <p>Thread-safe: immutable record.
 *
 * @param kind  the kind
 * @param owner the user id (creator, affiliate), the provider name (clearing, channel fee), or null (platform)
 */
public record LedgerAccount(AccountKind kind, String owner) {
    /** The platform's account. */
    public static final LedgerAccount PLATFORM = new LedgerAccount(AccountKind.PLATFORM, null);

    /**
     * Validates.
     *
     * @param kind  the kind
     * @param owner the owner
     */
    public LedgerAccount {
        new Validator().notNull("account.kind", kind).throwIfInvalid();
        if (kind == AccountKind.PLATFORM) {
            if (owner != null) {
                throw ValidationException.of("account.owner", "the platform account has no owner");
            }
        } else {
            Identifier.check("account.owner", owner);
        }
    }

    /**
     * A creator's account.
     *
     * @param creator the creator
     * @return the account
     */
    public static LedgerAccount creator(UserId creator) {
        return new LedgerAccount(AccountKind.CREATOR, creator == null ? null : creator.value());
    }

    /**
     * An affiliate's account.
     *
     * @param affiliate the affiliate
     * @return the account
     */
    public static LedgerAccount affiliate(UserId affiliate) {
        return new LedgerAccount(AccountKind.AFFILIATE, affiliate == null ? null : affiliate.value());
    }

    /**
     * A provider's clearing account.
     *
     * @param provider the provider's name, for example {@code "wechatpay"}
     * @return the account
     */
    public static LedgerAccount clearing(String provider) {
        return new LedgerAccount(AccountKind.CLEARING, provider);
    }

    /**
     * A channel's commission account.
     *
     * @param channel the channel's name, for example {@code "apple"}
     * @return the account
     */
    public static LedgerAccount channelFee(String channel) {
        return new LedgerAccount(AccountKind.CHANNEL_FEE, channel);
    }

    /**
     * The account holding a payee's deferred revenue (pay-per-outcome orders whose outcome is not final).
     *
     * @param payee the payee account (platform, creator, affiliate or channel fee)
     * @return the account
     */
    public static LedgerAccount deferred(LedgerAccount payee) {
        new Validator().notNull("payee", payee)
                .check(payee == null || (payee.kind() != AccountKind.DEFERRED && payee.kind() != AccountKind.CLEARING),
                        "payee", "only a payee's revenue is deferred (was " + payee + ")")
                .throwIfInvalid();
        return new LedgerAccount(AccountKind.DEFERRED, payee.key());
    }

    /**
     * The payee a deferred account holds revenue for.
     *
     * @return the payee's account, or null if this is not a deferred account
     */
    public LedgerAccount deferredFor() {
        if (kind != AccountKind.DEFERRED) {
            return null;
        }
        int colon = owner.indexOf(':');
        String k = colon < 0 ? owner : owner.substring(0, colon);
        return new LedgerAccount(AccountKind.valueOf(k.toUpperCase(java.util.Locale.ROOT)),
                colon < 0 ? null : owner.substring(colon + 1));
    }

    /**
     * A stable text key, {@code platform}, {@code creator:u-42}, {@code clearing:stripe}.
     *
     * @return the key
     */
    public String key() {
        return owner == null ? kind.name().toLowerCase(java.util.Locale.ROOT)
                : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + owner;
    }

    @Override
    public String toString() {
        return key();
    }
}
