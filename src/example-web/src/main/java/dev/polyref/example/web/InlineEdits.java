package dev.polyref.example.web;

import dev.polyref.PolyrefContext;
import dev.polyref.catalogue.ContentType;
import dev.polyref.generic.GenericRelation;
import dev.polyref.generic.RelatedObjects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Record;
import org.jooq.TableRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves an inline form: adds, changes and deletes several children of one object in one transaction, or nothing
 * when any row is invalid (then each invalid row carries its error). Records one admin log entry for the object.
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

    @Transactional
    Outcome save(CurrentUser user, ContentPages.PageObject object, Inline inline, List<InlineRow> submitted) {
        GenericRelation<?, ?> relation = inline.relation(object.model()).orElseThrow();
        ContentType childType = polyref.contentTypes().get(inline.childModel);
        // The current children, read in this transaction: a submitted id must be one of them
        Map<String, String> current = new LinkedHashMap<>();
        for (InlineRow row : rows(object, inline)) {
            current.put(row.id(), row.value());
        }
        List<InlineRow> checked = new ArrayList<>();
        boolean invalid = false;
        Set<String> kept = new HashSet<>();
        for (InlineRow row : submitted) {
            InlineRow result = row;
            if (row.isBlankExtra()) {
                checked.add(row);
                continue;
            }
            if (!row.isNew() && !current.containsKey(row.id())) {
                result = row.withError("Not a " + inline.noun + " of this object (deleted meanwhile?)");
            } else if (!row.delete()) {
                var problem = inline.validate(row.value().strip());
                if (problem.isPresent()) {
                    result = row.withError(problem.get());
                } else if (!kept.add(row.value().strip())) {
                    result = row.withError("Duplicate " + inline.noun + " \"" + row.value().strip() + "\"");
                }
            }
            invalid |= result.error() != null;
            checked.add(result);
        }
        if (invalid) {
            return new Outcome(false, checked, "");
        }
        // Permissions on the children, per kind of change: Django's has_add/change/delete_permission
        List<String> messages = new ArrayList<>();
        List<InlineRow> adds = new ArrayList<>();
        Map<Long, String> changes = new HashMap<>();
        List<Long> deletes = new ArrayList<>();
        for (InlineRow row : checked) {
            String value = row.value().strip();
            if (row.isBlankExtra()) {
                continue;
            } else if (row.isNew() && !row.delete()) {
                Permissions.require(user, childType, "add");
                adds.add(row);
                messages.add("Added " + inline.noun + " \"" + value + "\".");
            } else if (!row.isNew() && row.delete()) {
                Permissions.require(user, childType, "delete");
                deletes.add(Long.valueOf(row.id()));
                messages.add("Deleted " + inline.noun + " \"" + current.get(row.id()) + "\".");
            } else if (!row.isNew() && !value.equals(current.get(row.id()))) {
                Permissions.require(user, childType, "change");
                changes.put(Long.valueOf(row.id()), value);
                messages.add("Changed " + inline.noun + " \"" + current.get(row.id()) + "\" to \"" + value + "\".");
            }
        }
        if (messages.isEmpty()) {
            return new Outcome(true, checked, "No changes.");
        }
        apply(relation, object.record(), inline, adds, changes, deletes);
        String message = String.join(" ", messages);
        log.log(user, object.type(), object.id(), object.repr(), AdminLog.Action.CHANGE, message);
        return new Outcome(true, checked, message);
    }

    /** The writes, on the transaction's connection (Boot's DSLContext is transaction-aware). */
    private void apply(GenericRelation<?, ?> relation, TableRecord<?> parent, Inline inline, List<InlineRow> adds,
            Map<Long, String> changes, List<Long> deletes) {
        var dsl = polyref.dsl();
        var childrenOf = childrenOf(polyref, relation, parent);
        if (!deletes.isEmpty()) {
            dsl.deleteFrom(inline.table).where(inline.id.in(deletes)).and(childrenOf).execute();
        }
        changes.forEach((id, value) -> dsl.update(inline.table).set(inline.value, value)
                .where(inline.id.eq(id)).and(childrenOf).execute());
        for (InlineRow row : adds) {
            create(polyref, relation, parent, c -> c.set(inline.value, row.value().strip()));
        }
    }

    // Generic helpers: the relation's record types are known only at run time here

    @SuppressWarnings("unchecked")
    private static <P extends TableRecord<P>, C extends TableRecord<C>> List<? extends TableRecord<?>> children(
            PolyrefContext polyref, GenericRelation<P, C> relation, TableRecord<?> parent) {
        return polyref.relation(relation).fetch((P) parent);
    }

    @SuppressWarnings("unchecked")
    private static <P extends TableRecord<P>, C extends TableRecord<C>> org.jooq.Condition childrenOf(
            PolyrefContext polyref, GenericRelation<P, C> relation, TableRecord<?> parent) {
        return polyref.relation(relation).childrenOf((P) parent);
    }

    @SuppressWarnings("unchecked")
    private static <P extends TableRecord<P>, C extends TableRecord<C>> void create(PolyrefContext polyref,
            GenericRelation<P, C> relation, TableRecord<?> parent, java.util.function.Consumer<Record> values) {
        RelatedObjects<P, C> related = polyref.relation(relation);
        related.create((P) parent, values::accept);
    }
}
