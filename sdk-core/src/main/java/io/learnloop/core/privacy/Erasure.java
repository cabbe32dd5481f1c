package io.learnloop.core.privacy;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.store.AggregateType;
import io.learnloop.core.store.UnitOfWork;
import io.learnloop.core.store.Versioned;

import java.util.Set;

/**
 * One learner's erasure under way, as each {@link PersonalDataEraser} sees it: the learner, the pseudonym that
 * replaces their id everywhere, and the rewriting of a stored record that every step shares.
 *
 * <p>The pseudonym is {@code erased-} followed by a random id, never derived from the learner's id; it is kept in the
 * erasure record only until the erasure is done, so afterwards nothing links it back to the learner.
 *
 * <p>Not thread-safe to share across erasures; one step uses it at a time.
 */
public interface Erasure extends ErasureScope {
    /**
     * Whose data is erased.
     *
     * @return the learner
     */
    UserId learner();

    /**
     * What replaces the learner's id.
     *
     * @return the pseudonym
     */
    UserId pseudonym();

    /**
     * Replaces every occurrence of the learner's id in a text, where it stands as a whole token (not inside a longer
     * id: {@code lena} in {@code lena:lesson-1} is replaced, in {@code helena} it is not).
     *
     * @param text the text, or null
     * @return the text with the pseudonym in place of the id
     */
    String pseudonymise(String text);

    /**
     * A copy of a record with the learner's id replaced everywhere in it (fields, nested records, map keys) and the
     * named fields, at any depth, erased: a text becomes {@code "erased"}, a list becomes empty, anything else
     * null. Amounts and other values stay as they are.
     *
     * @param type         the record's aggregate type
     * @param value        the record
     * @param erasedFields the names of the fields that hold personal free text or contact data
     * @param <T>          the record type
     * @return the copy, equal to the original if nothing in it identified the learner
     */
    <T> T scrub(AggregateType<T> type, T value, Set<String> erasedFields);

    /**
     * Stores a scrubbed copy in place of a record: an update when its id is unchanged, otherwise the old record is
     * deleted and the copy inserted under its new id. Nothing is written when the copy equals the record.
     *
     * @param uow      the unit of work
     * @param type     the aggregate type
     * @param stored   the record as read
     * @param scrubbed its replacement
     * @param <T>      the record type
     * @return true if something was written
     */
    <T> boolean replace(UnitOfWork uow, AggregateType<T> type, Versioned<T> stored, T scrubbed);

    /**
     * Rewrites every record filed under a key of an index (lookup or sorted), each in its own unit of work, until
     * none is left under it: the way a step erases a learner's records when the index key holds the learner's id,
     * which the rewrite replaces. A record may first be changed by {@code before} (a certificate revoked); returning
     * null from it deletes the record instead (a note).
     *
     * @param type         the aggregate type
     * @param index        an index of it
     * @param key          the key holding the learner's id
     * @param erasedFields the fields to erase
     * @param before       what to do to each record first, null to delete it
     * @param <T>          the record type
     * @return how many records were rewritten or deleted
     */
    <T> int rewriteAll(AggregateType<T> type, String index, String key, Set<String> erasedFields,
                       java.util.function.UnaryOperator<T> before);

    /**
     * Rewrites, like {@link #rewriteAll}, the records of a type that no index files by learner: every record of the
     * type in the tenant is read, a page at a time, and those the test picks are rewritten. Its cost grows with the
     * type's size, so it is for small types or rare records (votes, reactions, invitations).
     *
     * @param type         the aggregate type
     * @param ofLearner    picks the learner's records
     * @param erasedFields the fields to erase
     * @param before       what to do to each record first, null to delete it
     * @param <T>          the record type
     * @return how many records were rewritten or deleted
     */
    <T> int rewriteMatching(AggregateType<T> type, java.util.function.Predicate<T> ofLearner,
                            Set<String> erasedFields, java.util.function.UnaryOperator<T> before);

    /**
     * Scrubs and stores one record: {@link #scrub} then {@link #replace}.
     *
     * @param uow          the unit of work
     * @param type         the aggregate type
     * @param stored       the record as read
     * @param erasedFields the fields to erase
     * @param <T>          the record type
     * @return true if something was written
     */
    default <T> boolean rewrite(UnitOfWork uow, AggregateType<T> type, Versioned<T> stored, Set<String> erasedFields) {
        return replace(uow, type, stored, scrub(type, stored.value(), erasedFields));
    }
}
