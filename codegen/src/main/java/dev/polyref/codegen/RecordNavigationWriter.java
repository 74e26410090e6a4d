package dev.polyref.codegen;

import org.jooq.codegen.GeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy.Mode;
import org.jooq.codegen.JavaWriter;
import org.jooq.meta.TableDefinition;

/**
 * Adds Django's descriptors to jOOQ's record classes, in {@code generateRecordClassFooter}: on a record of a table
 * with a generic key, {@code fetchTarget}, {@code setTarget}, {@code findTargetRef} and a static
 * {@code prefetchTarget} (named after the key); on a record of a table a key can point at, its reverse relations
 * {@code fetchActivityByTarget} and {@code countActivityByTarget}. Each method is one line calling
 * {@code dev.polyref.internal.RecordNavigation} or {@code TypedPrefetched}, on the record's own configuration.
 */
final class RecordNavigationWriter {

    private final PolyrefGenerator generator;
    private final GeneratorStrategy strategy;

    RecordNavigationWriter(PolyrefGenerator generator) {
        this.generator = generator;
        this.strategy = generator.getStrategy();
    }

    void write(KeyIndex index, TableDefinition table, JavaWriter out) {
        if (index.keysOf(table).isEmpty() && index.relationsOf(table).isEmpty()) {
            return;
        }
        String record = out.ref(strategy.getFullJavaClassName(table, Mode.RECORD));
        MethodNames methods = new MethodNames(record);
        String polyref = out.ref("dev.polyref.Polyref");
        String navigation = out.ref("dev.polyref.internal.RecordNavigation");
        for (KeyIndex.Key key : index.keysOf(table)) {
            String keyRef = out.ref(generator.polyrefClass(key.schema(), "GenericKeys")) + "." + key.constant();
            String name = JavaText.javadoc(key.decl().name());
            String target = targetType(out, key);
            String as = targetFunction(out, key);
            out.javadoc("Generic key <code>%s</code>: loads its target with one statement on this record's "
                    + "configuration (Django's <code>obj.%s</code>).", name, name);
            out.println("public %s<%s> %s(%s polyref) {", out.ref("java.util.Optional"), target,
                    methods.add(method("fetch", key.pascal(), ""), "Polyref", "the target of key " + name),
                    polyref);
            out.println("return %s.fetchTarget(polyref, %s, this, %s);", navigation, keyRef, as);
            out.println("}");
            out.javadoc("Generic key <code>%s</code>: points it at a stored record, setting both columns in memory "
                    + "(store this record to save it); null clears both.", name);
            out.println("public %s %s(%s polyref, %s<?> target) {", record,
                    methods.add(method("set", key.pascal(), ""), "Polyref,TableRecord", "the setter of key " + name),
                    polyref, out.ref("org.jooq.TableRecord"));
            out.println("return %s.setTarget(polyref, %s, this, target);", navigation, keyRef);
            out.println("}");
            out.javadoc("Generic key <code>%s</code>: its content type and object id, with no statement once the "
                    + "content type is cached.", name);
            out.println("public %s<%s<%s<?>>> %s(%s polyref) {", out.ref("java.util.Optional"),
                    out.ref("dev.polyref.generic.GenericRef"), out.ref("org.jooq.TableRecord"),
                    methods.add(method("find", key.pascal(), "Ref"), "Polyref", "the ref of key " + name), polyref);
            out.println("return %s.findRef(polyref, %s, this);", navigation, keyRef);
            out.println("}");
            out.javadoc("Generic key <code>%s</code>: loads the targets of many records, one statement per content "
                    + "type (Django's <code>prefetch_related</code>).", name);
            out.println("public static %s<%s, %s> %s(%s resolver, %s<? extends %s> rows, %s<?>... perType) {",
                    out.ref("dev.polyref.generic.TypedPrefetched"), record, target,
                    methods.add(method("prefetch", key.pascal(), ""), "GenericResolver,Collection,GenericPrefetch[]",
                            "the prefetch of key " + name),
                    out.ref("dev.polyref.generic.GenericResolver"), out.ref("java.util.Collection"), record,
                    out.ref("dev.polyref.generic.GenericPrefetch"));
            out.println("return %s.ofRecords(resolver, %s, rows, %s, perType);",
                    out.ref("dev.polyref.generic.TypedPrefetched"), keyRef, as);
            out.println("}");
        }
        for (KeyIndex.Relation relation : index.relationsOf(table)) {
            String relationRef = out.ref(generator.polyrefClass(relation.key().schema(), "GenericRelations")) + "."
                    + relation.constant();
            String child = out.ref(strategy.getFullJavaClassName(relation.key().table(), Mode.RECORD));
            String suffix = childName(relation, table);
            String what = JavaText.javadoc(relation.key().table().getQualifiedName() + "." + relation.key().decl().name());
            out.javadoc("The rows whose generic key <code>%s</code> points at this record, ordered by their primary "
                    + "key: one statement on this record's configuration.", what);
            out.println("public %s<%s> %s(%s polyref) {", out.ref("org.jooq.Result"), child,
                    methods.add(method("fetch", suffix, ""), "Polyref", "the children by " + what), polyref);
            out.println("return %s.fetchChildren(polyref, %s, this);", navigation, relationRef);
            out.println("}");
            out.javadoc("How many rows' generic key <code>%s</code> points at this record: one statement."
                    + "", what);
            out.println("public int %s(%s polyref) {",
                    methods.add(method("count", suffix, ""), "Polyref", "the count by " + what), polyref);
            out.println("return %s.countChildren(polyref, %s, this);", navigation, relationRef);
            out.println("}");
        }
    }

    /** {@code GenericTargets.ActivityTarget}, or {@code TableRecord<?>} for a key allowing any table. */
    String targetType(JavaWriter out, KeyIndex.Key key) {
        return key.typedName() == null ? out.ref("org.jooq.TableRecord") + "<?>"
                : out.ref(generator.polyrefClass(key.schema(), "GenericTargets")) + "." + key.typedName();
    }

    /** The function from a loaded record to {@link #targetType}. */
    String targetFunction(JavaWriter out, KeyIndex.Key key) {
        return key.typedName() == null ? out.ref("java.util.function.Function") + ".identity()"
                : targetType(out, key) + "::of";
    }

    /**
     * {@code ActivityByTarget}: the child table as jOOQ names its class, {@code By}, the key; with the child's
     * schema in front when it is not the parent's.
     */
    String childName(KeyIndex.Relation relation, TableDefinition parent) {
        TableDefinition child = relation.key().table();
        String schema = child.getSchema().getName().equals(parent.getSchema().getName()) ? ""
                : strategy.getJavaClassName(child.getSchema());
        return schema + strategy.getJavaClassName(child) + "By" + relation.key().pascal();
    }

    static String method(String verb, String name, String suffix) {
        return JavaText.identifier(verb + name + suffix);
    }
}
