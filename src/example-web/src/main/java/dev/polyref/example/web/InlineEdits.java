package dev.polyref.example.web;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.generic.GenericRelation;
import dev.polyref.ChangesetRejectedException;
import dev.polyref.generic.Changeset;
import dev.polyref.generic.ChangesetError;
import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.TableRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves an inline form through Polyref's changeset: adds, changes and deletes several children of one object in
 * one transaction, or nothing when any row is invalid (then each invalid row carries its error). Records one admin
 * log entry for the object, in the same transaction.
 */
@Service
class InlineEdits {

    /** What a submit did, for the log and the redirect; {@code rows} carries the errors when nothing was saved. */
    record Outcome(boolean saved, List<InlineRow> rows, String message) {}

    private final PolyrefContext polyref;
    private final AdminLog log;

    InlineEdits(PolyrefContext polyref, AdminLog log) {
        this.polyref = polyref;
        this.log = log;
    }

    /** @return the object's children of this inline, oldest first */
    List<InlineRow> rows(ContentPages.PageObject object, Inline inline) {
        GenericRelation<?, ?> relation = inline.relation(object.model()).orElseThrow();
        List<InlineRow> rows = new ArrayList<>();
        for (TableRecord<?> child : children(polyref, relation, object.record())) {
            rows.add(new InlineRow(String.valueOf(child.get(inline.id)), child.get(inline.value), false, null));
        }
        return rows;
    }

    /**
     * Saves the submitted rows through a {@link Changeset}: validated by row (the tag rule, no duplicate siblings,
     * rows that are not this object's children), then applied all-or-nothing in this transaction.
     */
    @Transactional
    Outcome save(CurrentUser user, ContentPages.PageObject object, Inline inline, List<InlineRow> submitted) {
        return save(inline.relation(object.model()).orElseThrow(), user, object, inline, submitted);
    }

    private <P extends TableRecord<P>, C extends TableRecord<C>> Outcome save(GenericRelation<P, C> relation,
            CurrentUser user, ContentPages.PageObject object, Inline inline, List<InlineRow> submitted) {
        ContentType childType = polyref.contentTypes().get(inline.childModel);
        @SuppressWarnings("unchecked")
        P parent = (P) object.record();
        Changeset<P, C> edit = polyref.relation(relation).changeset(parent)   // 1 SELECT: the children as read
                .unique(inline.value)
                .validator((row, reject) -> inline.validate(Objects.toString(row.get(inline.value), "").strip())
                        .ifPresent(message -> reject.accept(inline.value, message)));
        Map<String, C> read = new HashMap<>();
        for (C child : edit.children()) {
            read.put(String.valueOf(child.get(inline.id)), child);
        }
        // Which form row each addition and each named child came from, to put the changeset's errors back
        List<Integer> additions = new ArrayList<>();
        Map<String, Integer> named = new HashMap<>();
        List<InlineRow> rows = new ArrayList<>(submitted);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < submitted.size(); i++) {
            InlineRow row = submitted.get(i);
            String value = row.value().strip();
            if (row.isBlankExtra() || (row.isNew() && row.delete())) {
                continue;
            }
            if (row.isNew()) {
                Permissions.require(user, childType, "add");
                C child = polyref.dsl().newRecord(relation.childTable());
                child.set(inline.value, value);
                edit = edit.add(child);
                additions.add(i);
                messages.add("Added " + inline.noun + " \"" + value + "\".");
                continue;
            }
            C child = read.get(row.id());
            if (child == null) {
                // Not among the children read: the changeset reports it (NOT_A_CHILD) for its row
                Long id = parseId(row.id());
                if (id == null) {
                    rows.set(i, row.withError("Not a " + inline.noun + " of this object"));
                    continue;
                }
                child = polyref.dsl().newRecord(relation.childTable());
                child.set(inline.id, id);
                child.set(inline.value, value);
            }
            named.put(String.valueOf(child.get(inline.id)), i);
            String before = Objects.toString(child.get(inline.value), "");
            if (row.delete()) {
                Permissions.require(user, childType, "delete");
                edit = edit.delete(child);
                messages.add("Deleted " + inline.noun + " \"" + before + "\".");
            } else if (!value.equals(before) || !read.containsKey(row.id())) {
                Permissions.require(user, childType, "change");
                child.set(inline.value, value);
                edit = edit.change(child);
                messages.add("Changed " + inline.noun + " \"" + before + "\" to \"" + value + "\".");
            }
        }
        boolean invalid = rows.stream().anyMatch(r -> r.error() != null);
        if (!invalid && messages.isEmpty()) {
            return new Outcome(true, rows, "No changes.");
        }
        List<ChangesetError> errors;
        if (invalid) {
            errors = edit.validate();   // 1 SELECT, nothing written: the other rows' errors too
        } else {
            try {
                edit.apply();   // lock, SELECT ... FOR UPDATE, DELETE, UPDATE, INSERT: at most 5 statements
                errors = List.of();
            } catch (ChangesetRejectedException e) {   // nothing was written
                errors = e.errors();
            }
        }
        if (invalid || !errors.isEmpty()) {
            for (ChangesetError error : errors) {
                Integer index = error.row() == ChangesetError.Row.ADDED ? additions.get(error.index())
                        : named.get(String.valueOf(error.key()));
                if (index != null && rows.get(index).error() == null) {
                    rows.set(index, rows.get(index).withError(message(inline, error, rows.get(index))));
                }
            }
            return new Outcome(false, rows, "");
        }
        String message = String.join(" ", messages);
        log.log(user, object.type(), object.id(), object.repr(), AdminLog.Action.CHANGE, message);
        return new Outcome(true, rows, message);
    }

    /** The changeset's error in the page's words. */
    private static String message(Inline inline, ChangesetError error, InlineRow row) {
        return switch (error.code()) {
            // The changeset's message names the row and column; the page shows the rule's own words
            case INVALID -> inline.validate(row.value().strip()).orElse(error.message());
            case DUPLICATE -> "Duplicate " + inline.noun + " \"" + row.value().strip() + "\"";
            case NOT_A_CHILD, DELETED_SINCE_READ -> "Not a " + inline.noun + " of this object (deleted meanwhile?)";
            case CHANGED_SINCE_READ -> "Changed by someone else meanwhile: reload the page";
            default -> error.message();
        };
    }

    private static @Nullable Long parseId(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // Generic helpers: the relation's record types are known only at run time here

    @SuppressWarnings("unchecked")
    private static <P extends TableRecord<P>, C extends TableRecord<C>> List<? extends TableRecord<?>> children(
            PolyrefContext polyref, GenericRelation<P, C> relation, TableRecord<?> parent) {
        return polyref.relation(relation).fetch((P) parent);
    }

}
