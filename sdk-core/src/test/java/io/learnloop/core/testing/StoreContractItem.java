package io.learnloop.core.testing;

import java.time.Instant;
import java.util.List;

/**
 * An aggregate of the store contract suite: a priced item with an owner index, a multi-valued tag index and a
 * unique SKU.
 *
 * @param id            the id
 * @param owner         the owner (indexed; null means not indexed)
 * @param tags          the tags (each indexed)
 * @param sku           the stock-keeping unit (unique; null means none)
 * @param priceMinor    the price in minor units
 * @param currency      the ISO 4217 currency code
 * @param createdAt     when it was created
 */
public record StoreContractItem(String id, String owner, List<String> tags, String sku, long priceMinor,
                                String currency, Instant createdAt) {
    /**
     * Copies the tags.
     *
     * @param id         the id
     * @param owner      the owner
     * @param tags       the tags
     * @param sku        the SKU
     * @param priceMinor the price in minor units
     * @param currency   the currency code
     * @param createdAt  when it was created
     */
    public StoreContractItem {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * A copy with another SKU.
     *
     * @param newSku the SKU
     * @return the copy
     */
    public StoreContractItem withSku(String newSku) {
        return new StoreContractItem(id, owner, tags, newSku, priceMinor, currency, createdAt);
    }

    /**
     * A copy with another owner.
     *
     * @param newOwner the owner
     * @return the copy
     */
    public StoreContractItem withOwner(String newOwner) {
        return new StoreContractItem(id, newOwner, tags, sku, priceMinor, currency, createdAt);
    }

    /**
     * A copy with another price.
     *
     * @param newPriceMinor the price in minor units
     * @return the copy
     */
    public StoreContractItem withPrice(long newPriceMinor) {
        return new StoreContractItem(id, owner, tags, sku, newPriceMinor, currency, createdAt);
    }
}
