package dev.polyref.generic;

import static dev.polyref.NullArgumentException.requireNonNull;

import dev.polyref.ChangesetRejectedException;
import dev.polyref.ConcurrentChangeException;
import dev.polyref.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * The immutable changeset: the children read, the edits (values copied out of the caller's records), the rules.
 * Every "with" method copies; the lists and maps held are never changed after construction.
 */
final class DefaultChangeset<P extends TableRecord<P>, C extends TableRecord<C>> implements Changeset<P, C> {

    private final ChangesetContext<P, C> context;
    private final Map<Object, C> read;
    private final List<Map<Field<?>, @Nullable Object>> additions;
    private final Map<Object, ChangesetEdit> edits;
    private final ChangesetRules<C> rules;

    DefaultChangeset(ChangesetContext<P, C> context, Map<Object, C> read) {
        this(context, read, List.of(), Map.of(), ChangesetRules.none());
    }

    private DefaultChangeset(ChangesetContext<P, C> context, Map<Object, C> read,
            List<Map<Field<?>, @Nullable Object>> additions, Map<Object, ChangesetEdit> edits,
            ChangesetRules<C> rules) {
        this.context = context;
        this.read = read;
        this.additions = additions;
        this.edits = edits;
        this.rules = rules;
    }

    @Override
    public GenericRelation<P, C> relation() {
        return context.relation();
    }

    @Override
    public P parent() {
        return context.parent();
    }

    @Override
    public List<C> children() {
        List<C> copies = new ArrayList<>(read.size());
        for (C row : read.values()) {
            copies.add(context.copy(row));
        }
        return copies;
    }

    @Override
    public Changeset<P, C> add(C child) {
        Map<Field<?>, @Nullable Object> values = context.changedValues(requireNonNull(child, "child"), "add");
        List<Map<Field<?>, @Nullable Object>> more = new ArrayList<>(additions);
        more.add(Collections.unmodifiableMap(values));
        return new DefaultChangeset<>(context, read, List.copyOf(more), edits, rules);
    }

    @Override
    public Changeset<P, C> change(C child) {
        requireNonNull(child, "child");
        Object key = context.keyOf(child, "change");
        Map<Field<?>, @Nullable Object> values = context.changedValues(child, "change");
        values.remove(context.primaryKey());
        return withEdit(new ChangesetEdit(key, Collections.unmodifiableMap(values), context.versionOf(child)));
    }

    @Override
    public Changeset<P, C> delete(C child) {
        requireNonNull(child, "child");
        Object key = context.keyOf(child, "delete");
        return withEdit(new ChangesetEdit(key, null, context.versionOf(child)));
    }

    @Override
    public Changeset<P, C> minChildren(int min) {
        if (min < 0) {
            throw new InvalidArgumentException("minChildren must be 0 or more, got " + min);
        }
        return new DefaultChangeset<>(context, read, additions, edits, rules.withMin(min));
    }

    @Override
    public Changeset<P, C> maxChildren(int max) {
        if (max < 0) {
            throw new InvalidArgumentException("maxChildren must be 0 or more, got " + max);
        }
        return new DefaultChangeset<>(context, read, additions, edits, rules.withMax(max));
    }

    @Override
    public Changeset<P, C> unique(Field<?>... fields) {
        requireNonNull(fields, "fields");
        if (fields.length == 0) {
            throw new InvalidArgumentException("unique(...) needs at least one column of "
                    + relation().childType());
        }
        List<Field<?>> columns = new ArrayList<>();
        for (Field<?> field : fields) {
            columns.add(context.column(requireNonNull(field, "fields[]")));
        }
        return new DefaultChangeset<>(context, read, additions, edits, rules.withUnique(List.copyOf(columns)));
    }

    @Override
    public Changeset<P, C> validator(Validator<? super C> validator) {
        return new DefaultChangeset<>(context, read, additions, edits,
                rules.withValidator(requireNonNull(validator, "validator")));
    }

    @Override
    public List<ChangesetError> validate() {
        return check(context.fetchCurrent(false));
    }

    @Override
    public List<C> apply() {
        return Atomically.run(context.dsl(), tx -> {
            ChangesetContext<P, C> inTx = context.on(tx);
            inTx.lockParent();
            Map<Object, C> current = inTx.fetchCurrent(true);
            List<ChangesetError> errors = check(current);
            if (!errors.isEmpty()) {
                throw rejected(errors);
            }
            List<Object> deleted = new ArrayList<>();
            List<ChangesetEdit> changed = new ArrayList<>();
            for (ChangesetEdit edit : edits.values()) {
                if (edit.isDelete()) {
                    deleted.add(edit.key());
                } else if (!edit.values().isEmpty() || inTx.versionField() != null) {
                    changed.add(edit);
                }
            }
            // DELETE first: a name freed by a deletion may be taken by a change or an addition
            inTx.delete(deleted);
            inTx.update(changed, current);
            return inTx.insert(additions);
        });
    }

    @Override
    public String toString() {
        return "Changeset[" + relation() + ", parent " + context.objectId() + ": " + additions.size() + " added, "
                + edits.values().stream().filter(e -> !e.isDelete()).count() + " changed, "
                + edits.values().stream().filter(ChangesetEdit::isDelete).count() + " deleted]";
    }

    private Changeset<P, C> withEdit(ChangesetEdit edit) {
        Map<Object, ChangesetEdit> more = new LinkedHashMap<>(edits);
        more.remove(edit.key());   // a later edit of the same row replaces the earlier one, and goes last
        more.put(edit.key(), edit);
        return new DefaultChangeset<>(context, read, additions, Collections.unmodifiableMap(more), rules);
    }

    private List<ChangesetError> check(Map<Object, C> current) {
        return new ChangesetCheck<>(context, read, current, additions, edits, rules).errors();
    }

    private ChangesetRejectedException rejected(List<ChangesetError> errors) {
        String message = "Changeset of " + relation() + " for parent " + context.objectId() + " refused: "
                + errors.stream().map(ChangesetError::message).collect(Collectors.joining("; "));
        boolean concurrent = errors.stream().anyMatch(e -> e.code().isConcurrency());
        return concurrent ? new ConcurrentChangeException(message, errors)
                : new ChangesetRejectedException(message, errors);
    }

    /** One edit of a row read: new values (null for a deletion) and the version the editor saw, if any. */
    record ChangesetEdit(Object key, @Nullable Map<Field<?>, @Nullable Object> values,
            @Nullable Object expectedVersion) {

        boolean isDelete() {
            return values == null;
        }

        @Override
        public Map<Field<?>, @Nullable Object> values() {
            return values == null ? Map.of() : values;
        }
    }

    /** min, max, unique column sets and the validator; immutable. */
    record ChangesetRules<C>(int min, int max, List<List<Field<?>>> unique,
            Changeset.@Nullable Validator<? super C> validator) {

        static <C> ChangesetRules<C> none() {
            return new ChangesetRules<>(0, Integer.MAX_VALUE, List.of(), null);
        }

        ChangesetRules<C> withMin(int value) {
            return new ChangesetRules<>(value, max, unique, validator);
        }

        ChangesetRules<C> withMax(int value) {
            return new ChangesetRules<>(min, value, unique, validator);
        }

        ChangesetRules<C> withUnique(List<Field<?>> fields) {
            List<List<Field<?>>> more = new ArrayList<>(unique);
            more.add(fields);
            return new ChangesetRules<>(min, max, List.copyOf(more), validator);
        }

        ChangesetRules<C> withValidator(Changeset.Validator<? super C> value) {
            return new ChangesetRules<>(min, max, unique, value);
        }
    }

    static String describe(TableField<?, ?> field) {
        return Arrays.stream(field.getQualifiedName().getName()).skip(Math.max(0,
                field.getQualifiedName().getName().length - 3)).collect(Collectors.joining("."));
    }
}
