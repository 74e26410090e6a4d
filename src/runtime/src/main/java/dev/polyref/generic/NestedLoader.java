package dev.polyref.generic;

import dev.polyref.generic.NestedPrefetch.Many;
import dev.polyref.generic.NestedPrefetch.Parent;
import dev.polyref.generic.NestedPrefetch.Through;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.impl.DSL;

/**
 * The nested loads of one prefetch ({@link NestedPrefetch}), level by level: a level collects, over all its rows,
 * the distinct keys each foreign key or link table needs, then runs one statement per key with the keys as one
 * array per column ({@link KeyTuples}); the rows it loads are the next level's. So the statements of a prefetch
 * depend on the shape of the spec, never on the number of targets. Keys an earlier level already loaded are not
 * asked for again, and a key with nothing to look up costs no statement. Used once and dropped.
 */
final class NestedLoader {

    /** The aliases of the link table and of its columns in a many-to-many statement. */
    private static final String LINK = "polyref_link";

    private final DSLContext dsl;
    private final Map<ForeignKey<?, ?>, Map<Object, Record>> parents = new HashMap<>();
    private final Map<Through, Map<Object, List<Record>>> related = new HashMap<>();

    NestedLoader(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Rows of one table, and what to load under them. */
    record Branch(NestedPrefetch<?> spec, Collection<? extends Record> rows) {}

    /** Loads the first level and every level under it. */
    void load(List<Branch> firstLevel) {
        List<Branch> level = firstLevel;
        while (!level.isEmpty()) {
            level = loadLevel(level);
        }
    }

    /** @return the parents loaded, by foreign key and then by the referenced key's value(s) */
    Map<ForeignKey<?, ?>, Map<Object, Record>> parents() {
        return parents;
    }

    /** @return the related rows loaded, by link table keys and then by the referenced key's value(s) */
    Map<Through, Map<Object, List<Record>>> related() {
        return related;
    }

    private List<Branch> loadLevel(List<Branch> level) {
        // Keys per foreign key and per link table over the whole level: two branches needing the same key share
        // its statement
        Map<ForeignKey<?, ?>, Set<Object>> parentKeys = new LinkedHashMap<>();
        Map<Through, Set<Object>> linkKeys = new LinkedHashMap<>();
        for (Branch branch : level) {
            for (Parent parent : branch.spec().parents()) {
                ForeignKey<?, ?> fk = parent.key();
                Set<Object> keys = parentKeys.computeIfAbsent(fk, k -> new LinkedHashSet<>());
                Map<Object, Record> loaded = parents.getOrDefault(fk, Map.of());
                for (Record row : branch.rows()) {
                    Object key = KeyTuples.of(row, fk.getFields(), fk.getKeyFields());
                    if (key != null && !loaded.containsKey(key)) {
                        keys.add(key);
                    }
                }
            }
            for (Many many : branch.spec().many()) {
                List<? extends Field<?>> referenced = many.link().getKeyFields();
                Set<Object> keys = linkKeys.computeIfAbsent(many.through(), k -> new LinkedHashSet<>());
                Map<Object, List<Record>> loaded = related.getOrDefault(many.through(), Map.of());
                for (Record row : branch.rows()) {
                    Object key = KeyTuples.of(row, referenced, referenced);
                    if (key != null && !loaded.containsKey(key)) {
                        keys.add(key);
                    }
                }
            }
        }
        parentKeys.forEach((fk, keys) -> {
            Map<Object, Record> byKey = parents.computeIfAbsent(fk, k -> new HashMap<>());
            if (!keys.isEmpty()) {
                for (Record parent : fetchParents(fk, keys)) {
                    byKey.put(KeyTuples.of(parent, fk.getKeyFields(), fk.getKeyFields()), parent);
                }
            }
        });
        linkKeys.forEach((through, keys) -> {
            Map<Object, List<Record>> byKey = related.computeIfAbsent(through, k -> new HashMap<>());
            if (!keys.isEmpty()) {
                // Every key asked for is loaded, with or without rows: none is asked for again
                keys.forEach(key -> byKey.put(key, new ArrayList<>(2)));
                fetchRelated(through, keys, byKey);
            }
        });
        return nextLevel(level);
    }

    /** The rows this level loaded for each branch's nested loads that have loads of their own. */
    private List<Branch> nextLevel(List<Branch> level) {
        List<Branch> next = new ArrayList<>();
        for (Branch branch : level) {
            for (Parent parent : branch.spec().parents()) {
                if (parent.then().isEmpty()) {
                    continue;
                }
                Map<Object, Record> byKey = parents.get(parent.key());
                Set<Record> rows = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Record row : branch.rows()) {
                    Object key = KeyTuples.of(row, parent.key().getFields(), parent.key().getKeyFields());
                    Record found = key == null ? null : byKey.get(key);
                    if (found != null) {
                        rows.add(found);
                    }
                }
                if (!rows.isEmpty()) {
                    next.add(new Branch(parent.then(), rows));
                }
            }
            for (Many many : branch.spec().many()) {
                if (many.then().isEmpty()) {
                    continue;
                }
                Map<Object, List<Record>> byKey = related.get(many.through());
                List<? extends Field<?>> referenced = many.link().getKeyFields();
                Set<Record> rows = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Record row : branch.rows()) {
                    Object key = KeyTuples.of(row, referenced, referenced);
                    rows.addAll(key == null ? List.of() : byKey.getOrDefault(key, List.of()));
                }
                if (!rows.isEmpty()) {
                    next.add(new Branch(many.then(), rows));
                }
            }
        }
        return next;
    }

    /** {@code SELECT parent.* FROM parent JOIN unnest(keys) ON parent.key = keys.k}: one statement. */
    private <P extends Record> List<P> fetchParents(ForeignKey<?, P> fk, Set<Object> keys) {
        Table<P> table = fk.getKey().getTable();
        return dsl.select(table.fields()).from(table)
                .join(KeyTuples.unnest(fk.getKeyFields(), keys)).on(KeyTuples.matches(fk.getKeyFields()))
                .fetchInto(table);
    }

    /**
     * {@code SELECT link.<to this side>, other.* FROM link JOIN other ON link.<to other> = other.key
     * JOIN unnest(keys) ON link.<to this side> = keys.k ORDER BY link's primary key}: one statement. A related row
     * is one record however many rows it is related to.
     */
    private <O extends Record> void fetchRelated(Through through, Set<Object> keys,
            Map<Object, List<Record>> byKey) {
        ForeignKey<?, ?> link = through.link();
        @SuppressWarnings("unchecked")
        ForeignKey<?, O> other = (ForeignKey<?, O>) through.other();
        Table<?> linkTable = link.getTable().as(LINK);
        Table<O> otherTable = other.getKey().getTable();
        List<Field<?>> thisSide = aliased(linkTable, link.getFields());
        List<Field<?>> otherSide = aliased(linkTable, other.getFields());
        List<Field<?>> select = new ArrayList<>();
        for (int i = 0; i < thisSide.size(); i++) {
            select.add(thisSide.get(i).as(LINK + "_" + (i + 1)));
        }
        select.addAll(List.of(otherTable.fields()));
        Condition joined = DSL.noCondition();
        for (int i = 0; i < otherSide.size(); i++) {
            joined = joined.and(ObjectIdSql.equal(otherSide.get(i), other.getKeyFields().get(i)));
        }
        Map<Object, O> distinct = new HashMap<>();
        for (Record row : dsl.select(select).from(linkTable).join(otherTable).on(joined)
                .join(KeyTuples.unnest(link.getKeyFields(), keys)).on(KeyTuples.matches(thisSide))
                .orderBy(order(link.getTable(), linkTable, otherSide)).fetch()) {
            O relatedRow = row.into(otherTable);
            O shared = distinct.computeIfAbsent(KeyTuples.of(relatedRow, other.getKeyFields(), other.getKeyFields()),
                    k -> relatedRow);
            byKey.get(KeyTuples.leading(row, link.getKeyFields())).add(shared);
        }
    }

    /** The link table's primary key (its rows' order of creation, usually), else the related rows' keys. */
    private static List<SortField<?>> order(Table<?> table, Table<?> alias, List<Field<?>> otherSide) {
        UniqueKey<?> primaryKey = table.getPrimaryKey();
        List<Field<?>> by = primaryKey == null ? otherSide : aliased(alias, primaryKey.getFields());
        return by.stream().<SortField<?>>map(Field::asc).toList();
    }

    private static List<Field<?>> aliased(Table<?> alias, List<? extends Field<?>> columns) {
        return columns.stream().<Field<?>>map(c -> alias.field(c)).toList();
    }
}
