package dev.polyref.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.meta.Database;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Every generic key of the generated schemata and every relation derived from them, by table: what the record,
 * DAO and typed-target code of one table needs, which jOOQ generates table by table and schema by schema (a key in
 * one schema can point at a table of another). Read once per generation.
 */
final class KeyIndex {

    private static final String POLYREF_SCHEMA = "polyref";

    /**
     * A key that has a {@code GenericKeys} constant.
     *
     * @param schema    the key's schema
     * @param table     the table holding its columns
     * @param decl      its declaration
     * @param constant  its {@code GenericKeys} constant
     * @param pascal    its name in method names ({@code content_object}: {@code ContentObject})
     * @param typedName its nested type in {@code GenericTargets}, or null for a key allowing any table
     */
    record Key(SchemaDefinition schema, TableDefinition table, GenericKeyDeclarations.Declaration decl,
            String constant, String pascal, @Nullable String typedName) {}

    /**
     * A relation whose {@code GenericRelations} constant exists.
     *
     * @param key      the key it reverses
     * @param parent   the table the key points at
     * @param constant its {@code GenericRelations} constant (in the key's schema)
     */
    record Relation(Key key, TableDefinition parent, String constant) {}

    private final Map<List<String>, List<Key>> keysByTable = new LinkedHashMap<>();
    private final Map<String, List<Key>> keysBySchema = new LinkedHashMap<>();
    private final Map<List<String>, List<Relation>> relationsByParent = new LinkedHashMap<>();

    private KeyIndex() {}

    static KeyIndex build(PolyrefGenerator generator, Database database) {
        KeyIndex index = new KeyIndex();
        GenericRelationsWriter relations = new GenericRelationsWriter(generator);
        for (SchemaDefinition schema : database.getSchemata()) {
            if (schema.getName().equals(POLYREF_SCHEMA)) {
                continue;
            }
            for (GenericKeyDeclarations.Declaration decl : GenericKeyDeclarations.read(database.create(),
                    schema.getName())) {
                TableDefinition table = generator.keyTable(schema, decl);
                if (table == null) {
                    continue;   // GenericKeys logs why
                }
                String pascal = pascal(decl.name());
                String typed = decl.targets().isEmpty() ? null
                        : JavaText.identifier(generator.getStrategy().getJavaClassName(table) + pascal);
                Key key = new Key(schema, table, decl, generator.genericKeyConstant(table, decl), pascal, typed);
                index.keysByTable.computeIfAbsent(id(table), t -> new ArrayList<>()).add(key);
                index.keysBySchema.computeIfAbsent(schema.getName(), s -> new ArrayList<>()).add(key);
                for (TableDefinition parent : relations.parents(schema, decl, table)) {
                    index.relationsByParent.computeIfAbsent(id(parent), p -> new ArrayList<>())
                            .add(new Relation(key, parent, relations.constant(schema, parent, key.constant())));
                }
            }
        }
        return index;
    }

    /** @return the keys declared on the table */
    List<Key> keysOf(TableDefinition table) {
        return keysByTable.getOrDefault(id(table), List.of());
    }

    /** @return the keys declared in the schema */
    List<Key> keysIn(SchemaDefinition schema) {
        return keysBySchema.getOrDefault(schema.getName(), List.of());
    }

    /** @return the relations whose parent is the table */
    List<Relation> relationsOf(TableDefinition table) {
        return relationsByParent.getOrDefault(id(table), List.of());
    }

    /** {@code content_object} and {@code contentObject}: {@code ContentObject}; other characters are kept. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.isEmpty() ? "_" : out.toString();
    }

    // Names are the database's own: a list, so that no two pairs of names run together
    private static List<String> id(TableDefinition table) {
        return List.of(table.getSchema().getName(), table.getName());
    }
}
