package dev.polyref.generic;

import dev.polyref.generic.ChangesetError.Code;
import dev.polyref.generic.ChangesetError.Row;
import dev.polyref.generic.DefaultChangeset.ChangesetEdit;
import dev.polyref.generic.DefaultChangeset.ChangesetRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * The validation of one changeset against the children as they are now: pure, no statement. Errors come in a
 * fixed order (concurrency and membership, then each added row, then each changed row, then the set's rules), so
 * a page shows them the same way every time.
 */
final class ChangesetCheck<P extends TableRecord<P>, C extends TableRecord<C>> {

    private final ChangesetContext<P, C> context;
    private final Map<Object, C> read;
    private final Map<Object, C> current;
    private final List<Map<Field<?>, @Nullable Object>> additions;
    private final Map<Object, ChangesetEdit> edits;
    private final ChangesetRules<C> rules;
    private final List<ChangesetError> errors = new ArrayList<>();

    ChangesetCheck(ChangesetContext<P, C> context, Map<Object, C> read, Map<Object, C> current,
            List<Map<Field<?>, @Nullable Object>> additions, Map<Object, ChangesetEdit> edits,
            ChangesetRules<C> rules) {
        this.context = context;
        this.read = read;
        this.current = current;
        this.additions = additions;
        this.edits = edits;
        this.rules = rules;
    }

    List<ChangesetError> errors() {
        for (ChangesetEdit edit : edits.values()) {
            checkStillAsRead(edit);
        }
        // The rows as they would be stored, for the validator and the uniqueness check
        List<Sibling<C>> result = new ArrayList<>();
        for (int i = 0; i < additions.size(); i++) {
            C row = context.dsl().newRecord(context.relation().childTable());
            additions.get(i).forEach((field, value) -> set(row, field, value));
            checkAdded(i, additions.get(i), row);
            result.add(new Sibling<>(Row.ADDED, i, null, row));
        }
        for (Map.Entry<Object, C> entry : current.entrySet()) {
            ChangesetEdit edit = edits.get(entry.getKey());
            if (edit == null) {
                result.add(new Sibling<>(null, -1, entry.getKey(), entry.getValue()));
            } else if (!edit.isDelete()) {
                C row = context.copy(entry.getValue());
                edit.values().forEach((field, value) -> set(row, field, value));
                checkChanged(edit, row);
                result.add(new Sibling<>(Row.CHANGED, -1, edit.key(), row));
            }
        }
        checkCount(result.size());
        for (List<Field<?>> fields : rules.unique()) {
            checkUnique(fields, result);
        }
        return List.copyOf(errors);
    }

    /** A child after the changeset; {@code row} null for one the changeset leaves alone. */
    private record Sibling<C>(@Nullable Row row, int index, @Nullable Object key, C values) {}

    private void checkStillAsRead(ChangesetEdit edit) {
        Row row = edit.isDelete() ? Row.DELETED : Row.CHANGED;
        C before = read.get(edit.key());
        String what = context.relation().childType() + " " + context.primaryKey().getName() + " = " + edit.key();
        if (before == null) {
            errors.add(new ChangesetError(row, -1, edit.key(), null, Code.NOT_A_CHILD, what + " is not a child of "
                    + context.relation().parent().naturalKey() + " " + context.objectId()));
            return;
        }
        C now = current.get(edit.key());
        if (now == null) {
            errors.add(new ChangesetError(row, -1, edit.key(), null, Code.DELETED_SINCE_READ, what
                    + " was deleted or moved to another parent since it was read"));
            return;
        }
        Field<?> version = context.versionField();
        if (version != null) {
            Object expected = edit.expectedVersion() != null ? edit.expectedVersion() : before.get(version);
            if (!Objects.equals(expected, now.get(version))) {
                errors.add(new ChangesetError(row, -1, edit.key(), version.getName(), Code.CHANGED_SINCE_READ,
                        what + " was changed since it was read: " + version.getName() + " is " + now.get(version)
                        + ", was " + expected));
            }
            return;
        }
        for (Field<?> field : context.relation().childTable().fields()) {
            if (!Objects.deepEquals(before.get(field), now.get(field))) {
                errors.add(new ChangesetError(row, -1, edit.key(), field.getName(), Code.CHANGED_SINCE_READ,
                        what + " was changed since it was read: " + field.getName() + " is " + now.get(field)
                        + ", was " + before.get(field)));
                return;
            }
        }
    }

    private void checkAdded(int index, Map<Field<?>, @Nullable Object> set, C row) {
        for (Field<?> field : context.relation().childTable().fields()) {
            if (context.isKeyColumn(field)) {
                continue;
            }
            DataType<?> type = field.getDataType();
            boolean filledByDatabase = !set.containsKey(field) && (type.defaulted() || type.identity());
            if (!filledByDatabase) {
                checkColumn(Row.ADDED, index, null, field, set.get(field));
            }
        }
        validate(Row.ADDED, index, null, row);
    }

    private void checkChanged(ChangesetEdit edit, C row) {
        edit.values().forEach((field, value) -> checkColumn(Row.CHANGED, -1, edit.key(), field, value));
        validate(Row.CHANGED, -1, edit.key(), row);
    }

    private void checkColumn(Row row, int index, @Nullable Object key, Field<?> field, @Nullable Object value) {
        DataType<?> type = field.getDataType();
        String column = context.relation().childType() + "." + field.getName();
        if (value == null) {
            if (!type.nullable()) {
                errors.add(new ChangesetError(row, index, key, field.getName(), Code.REQUIRED,
                        where(row, index, key) + ": " + column + " is required (NOT NULL)"));
            }
        } else if (value instanceof String text && type.hasLength() && type.length() > 0
                && text.codePointCount(0, text.length()) > type.length()) {
            errors.add(new ChangesetError(row, index, key, field.getName(), Code.TOO_LONG,
                    where(row, index, key) + ": " + column + " holds at most " + type.length() + " characters, got "
                    + text.codePointCount(0, text.length()) + " ('" + abbreviate(text) + "')"));
        }
    }

    private void validate(Row row, int index, @Nullable Object key, C values) {
        Changeset.Validator<? super C> validator = rules.validator();
        if (validator == null) {
            return;
        }
        validator.validate(values, (field, message) -> {
            Field<?> column = field == null ? null : context.column(field);
            errors.add(new ChangesetError(row, index, key, column == null ? null : column.getName(), Code.INVALID,
                    where(row, index, key) + (column == null ? "" : ": " + context.relation().childType() + "."
                    + column.getName()) + ": " + message));
        });
    }

    private void checkCount(int count) {
        if (count < rules.min()) {
            errors.add(new ChangesetError(Row.SET, -1, null, null, Code.TOO_FEW, "at least " + rules.min()
                    + " children of " + context.relation() + " required, " + count + " would remain"));
        }
        if (count > rules.max()) {
            errors.add(new ChangesetError(Row.SET, -1, null, null, Code.TOO_MANY, "at most " + rules.max()
                    + " children of " + context.relation() + " allowed, " + count + " would remain"));
        }
    }

    /** Rows the changeset writes that collide with another sibling; untouched rows get no error. */
    private void checkUnique(List<Field<?>> fields, List<Sibling<C>> siblings) {
        Map<List<Object>, List<Sibling<C>>> groups = new LinkedHashMap<>();
        for (Sibling<C> sibling : siblings) {
            List<@Nullable Object> values = new ArrayList<>();
            for (Field<?> field : fields) {
                values.add(sibling.values().get(field));
            }
            if (values.stream().allMatch(Objects::nonNull)) {
                @SuppressWarnings("NullableProblems")
                List<Object> key = List.copyOf(values.stream().map(Objects::requireNonNull).toList());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(sibling);
            }
        }
        String names = fields.stream().map(Field::getName).collect(Collectors.joining(", "));
        for (Map.Entry<List<Object>, List<Sibling<C>>> group : groups.entrySet()) {
            if (group.getValue().size() < 2) {
                continue;
            }
            for (Sibling<C> sibling : group.getValue()) {
                if (sibling.row() != null) {
                    errors.add(new ChangesetError(sibling.row(), sibling.index(), sibling.key(),
                            fields.size() == 1 ? fields.get(0).getName() : null, Code.DUPLICATE,
                            where(sibling.row(), sibling.index(), sibling.key()) + ": another child of "
                            + context.relation().parent().naturalKey() + " " + context.objectId() + " has "
                            + names + " = " + group.getKey().stream().map(String::valueOf)
                            .collect(Collectors.joining(", "))));
                }
            }
        }
    }

    private String where(Row row, int index, @Nullable Object key) {
        return switch (row) {
            case ADDED -> "added row " + index;
            case CHANGED, DELETED -> context.relation().childType() + " " + context.primaryKey().getName() + " = "
                    + key;
            case SET -> "children";
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 50 ? text : text.substring(0, 47) + "...";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void set(TableRecord<?> row, Field<?> field, @Nullable Object value) {
        row.set((Field) field, value);
    }

    static String columns(Field<?>... fields) {
        return Arrays.stream(fields).map(Field::getName).collect(Collectors.joining(", "));
    }
}
