package dev.polyref.example.web;

import static dev.polyref.example.db.Tables.COMMENT;
import static dev.polyref.example.db.Tables.TAGGED_ITEM;

import dev.polyref.catalogue.Model;
import dev.polyref.example.db.GenericRelations;
import dev.polyref.example.db.Models;
import dev.polyref.generic.GenericRelation;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Django's generic inlines of the object pages: the children that point at an object through a generic key,
 * edited on its page. Tags can point at anything; comments only at documents (the example's generic keys).
 */
enum Inline {
    TAGS("tags", "tag", Models.TAGGED_ITEM, TAGGED_ITEM, TAGGED_ITEM.ID, TAGGED_ITEM.TAG) {
        @Override
        Optional<String> validate(String value) {
            if (value.isBlank()) {
                return Optional.of("A tag is required (tick delete to remove it)");
            }
            if (!TAG.matcher(value).matches()) {
                return Optional.of("\"" + value + "\" is not a tag: lowercase letters, digits and hyphens, "
                        + "at most 30");
            }
            return Optional.empty();
        }
    },
    COMMENTS("comments", "comment", Models.COMMENT, COMMENT, COMMENT.ID, COMMENT.BODY) {
        @Override
        Optional<String> validate(String value) {
            if (value.isBlank()) {
                return Optional.of("A comment cannot be empty (tick delete to remove it)");
            }
            return value.length() > 500 ? Optional.of("At most 500 characters, got " + value.length())
                    : Optional.empty();
        }
    };

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,29}");

    /** How many empty rows a form offers for new children (Django's {@code extra}). */
    static final int EXTRA = 3;

    final String prefix;
    final String noun;
    final Model<?, ?> childModel;
    final Table<?> table;
    final Field<Long> id;
    final Field<String> value;

    Inline(String prefix, String noun, Model<?, ?> childModel, Table<?> table, Field<Long> id, Field<String> value) {
        this.prefix = prefix;
        this.noun = noun;
        this.childModel = childModel;
        this.table = table;
        this.id = id;
        this.value = value;
    }

    /** @return the problem with a child's value, if any */
    abstract Optional<String> validate(String value);

    /** @return the generated relation from {@code parent} to these children, if the generic key allows it */
    Optional<GenericRelation<?, ?>> relation(Model<?, ?> parent) {
        return GenericRelations.ALL.stream()
                .filter(r -> r.parent().equals(parent) && r.childTable().equals(table))
                .findFirst();
    }

    static Optional<Inline> byPrefix(String prefix) {
        return Arrays.stream(values()).filter(i -> i.prefix.equals(prefix)).findFirst();
    }

    public String getPrefix() {
        return prefix;
    }

    public String getNoun() {
        return noun;
    }
}
