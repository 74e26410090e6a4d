package dev.polyref.codegen;

import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.TableDefinition;

/**
 * Adds generic keys to jOOQ's DAOs (when {@code <daos>} is on), in {@code generateDaoClassFooter}: the DAO of a
 * table with a generic key finds its POJOs by target ({@code fetchByTarget}) and loads the targets of a list of
 * POJOs with the batched resolver ({@code prefetchTarget}, one statement per content type); the DAO of a table a
 * key can point at fetches and counts a POJO's children ({@code fetchActivityByTarget},
 * {@code countActivityByTarget}). Each runs on the DAO's configuration, like jOOQ's own DAO methods.
 */
final class DaoNavigationWriter {

    private final PolyrefGenerator generator;
    private final GeneratorStrategy strategy;
    private final RecordNavigationWriter records;

    DaoNavigationWriter(PolyrefGenerator generator, RecordNavigationWriter records) {
        this.generator = generator;
        this.strategy = generator.getStrategy();
        this.records = records;
    }

    void write(KeyIndex index, TableDefinition table, JavaWriter out) {
        if (index.keysOf(table).isEmpty() && index.relationsOf(table).isEmpty()) {
            return;
        }
        String pojo = out.ref(strategy.getFullJavaClassName(table, Mode.POJO));
        MethodNames methods = new MethodNames(strategy.getJavaClassName(table, Mode.DAO));
        String polyref = out.ref("dev.polyref.Polyref");
        String list = out.ref("java.util.List");
        for (KeyIndex.Key key : index.keysOf(table)) {
            String keyRef = out.ref(generator.polyrefClass(key.schema(), "GenericKeys")) + "." + key.constant();
            String name = JavaText.javadoc(key.decl().name());
            String target = records.targetType(out, key);
            out.javadoc("The rows whose generic key <code>%s</code> points at the target: one statement.", name);
            out.println("public %s<%s> %s(%s polyref, %s<?> target) {", list, pojo,
                    methods.add(RecordNavigationWriter.method("fetchBy", key.pascal(), ""), "Polyref,TableRecord",
                            "the rows by key " + name),
                    polyref, out.ref("org.jooq.TableRecord"));
            out.println("return ctx().selectFrom(getTable()).where(polyref.using(ctx()).resolver().conditions()"
                    + ".pointsAt(%s, target)).fetch(mapper());", keyRef);
            out.println("}");
            out.javadoc("Generic key <code>%s</code>: loads the targets of these POJOs, one statement per content "
                    + "type; look them up by POJO.", name);
            out.println("public %s<%s, %s> %s(%s polyref, %s<? extends %s> pojos, %s<?>... perType) {",
                    out.ref("dev.polyref.generic.TypedPrefetched"), pojo, target,
                    methods.add(RecordNavigationWriter.method("prefetch", key.pascal(), ""),
                            "Polyref,Collection,GenericPrefetch[]", "the prefetch of key " + name),
                    polyref, out.ref("java.util.Collection"), pojo, out.ref("dev.polyref.generic.GenericPrefetch"));
            out.println("return %s.ofPojos(polyref.using(ctx()).resolver(), %s, pojos, %s::%s, %s::%s, %s, perType);",
                    out.ref("dev.polyref.generic.TypedPrefetched"), keyRef,
                    pojo, getter(table.getColumn(key.decl().ctColumn())),
                    pojo, getter(table.getColumn(key.decl().idColumn())), records.targetFunction(out, key));
            out.println("}");
        }
        for (KeyIndex.Relation relation : index.relationsOf(table)) {
            String relationRef = out.ref(generator.polyrefClass(relation.key().schema(), "GenericRelations")) + "."
                    + relation.constant();
            String childPojo = out.ref(strategy.getFullJavaClassName(relation.key().table(), Mode.POJO));
            String suffix = records.childName(relation, table);
            String what = JavaText.javadoc(relation.key().table().getQualifiedName() + "."
                    + relation.key().decl().name());
            String navigation = out.ref("dev.polyref.internal.RecordNavigation");
            out.javadoc("The rows whose generic key <code>%s</code> points at the parent, ordered by their primary "
                    + "key: one statement.", what);
            out.println("public %s<%s> %s(%s polyref, %s parent) {", list, childPojo,
                    methods.add(RecordNavigationWriter.method("fetch", suffix, ""), "Polyref,P", "the children by "
                            + what), polyref, pojo);
            out.println("return %s.fetchChildren(polyref, %s, %s.byId(ctx(), getTable(), getId(parent)))"
                    + ".into(%s.class);", navigation, relationRef, navigation, childPojo);
            out.println("}");
            out.javadoc("How many rows' generic key <code>%s</code> points at the parent: one statement.", what);
            out.println("public int %s(%s polyref, %s parent) {",
                    methods.add(RecordNavigationWriter.method("count", suffix, ""), "Polyref,P", "the count by " + what),
                    polyref, pojo);
            out.println("return %s.countChildren(polyref, %s, %s.byId(ctx(), getTable(), getId(parent)));",
                    navigation, relationRef, navigation);
            out.println("}");
        }
    }

    /** The POJO's getter: {@code getObjectId}, or the accessor {@code objectId} of a Java record. */
    private String getter(ColumnDefinition column) {
        return generator.pojosAreJavaRecords() ? strategy.getJavaMemberName(column, Mode.POJO)
                : strategy.getJavaGetterName(column, Mode.POJO);
    }
}
