package io.learnloop.community.internal;

import io.learnloop.core.identity.UserId;
import io.learnloop.core.internal.paging.KeysetRecords;
import io.learnloop.core.privacy.ErasureScope;
import io.learnloop.core.privacy.PersonalDataSource;
import io.learnloop.core.store.AggregateType;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The community's export sections: a learner's records read from a sorted index keyed by the learner's id, one
 * keyset page at a time as the archive is written ({@link KeysetRecords}), so neither a long history nor the size of
 * the whole community is ever read at once.
 *
 * <p>Thread-safe: stateless; each iterator belongs to one export.
 */
public final class PersonalRecords {
    private PersonalRecords() {
    }

    /**
     * A section of the records filed under the learner's id in a sorted index.
     *
     * @param name  the section's name
     * @param type  the aggregate type
     * @param index a sorted index keyed by user id
     * @param <T>   the record type
     * @return the section
     */
    public static <T> PersonalDataSource byIndex(String name, AggregateType<T> type, String index) {
        type.requireSortedIndex(index);
        return section(name, (scope, learner) -> KeysetRecords.under(scope.context(), type, index, learner.value()));
    }

    /**
     * A section of the one record, if any, whose id is derived from the learner's id.
     *
     * @param name the section's name
     * @param type the aggregate type
     * @param id   the record's id for a learner's id
     * @param <T>  the record type
     * @return the section
     */
    public static <T> PersonalDataSource byId(String name, AggregateType<T> type, Function<String, String> id) {
        return section(name, (scope, learner) -> scope.context().read(uow -> uow.find(type, id.apply(learner.value())))
                .map(v -> List.<Object>of(v.value())).orElse(List.of()).iterator());
    }

    private static PersonalDataSource section(String name, BiFunction<ErasureScope, UserId, Iterator<?>> read) {
        Objects.requireNonNull(name, "name");
        return new PersonalDataSource() {
            @Override
            public String section() {
                return name;
            }

            @Override
            public Iterator<?> records(ErasureScope scope, UserId learner) {
                return read.apply(scope, learner);
            }

            @Override
            public String toString() {
                return "PersonalDataSource[" + name + "]";
            }
        };
    }
}
