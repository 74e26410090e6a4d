package dev.polyref.integrity.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for which types a generic key's columns may have and which primary keys its object id can hold,
 * in Java: the same as the SQL function {@code polyref.object_id_registry} (migrations/polyref/R__01), which has
 * the reasons. Code generation, relations and checks ask this class; a test runs one table of cases through both.
 * Not API: for Polyref's own packages.
 *
 * <ul>
 *   <li>content-type column: {@code integer};</li>
 *   <li>object-id column: {@code smallint}, {@code integer}, {@code bigint} (registry {@code bigint}),
 *       {@code text} or unbounded {@code character varying} (registry {@code text}), {@code uuid};</li>
 *   <li>target key: an integer object id holds integer keys no wider than itself; a text one integer, text,
 *       {@code character varying(n)} and uuid keys by their text form; a uuid one uuid keys.</li>
 * </ul>
 */
public final class ObjectIdRule {

    private static final Map<String, Integer> INTEGER_WIDTH = Map.of("smallint", 2, "integer", 4, "bigint", 8);
    /** Spellings jOOQ's meta model and PostgreSQL use besides format_type's. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int2", "smallint"),
            Map.entry("int4", "integer"), Map.entry("int", "integer"), Map.entry("int8", "bigint"),
            Map.entry("serial", "integer"), Map.entry("serial4", "integer"), Map.entry("smallserial", "smallint"),
            Map.entry("serial2", "smallint"), Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"),
            Map.entry("varchar", "character varying"));
    private static final Pattern LENGTH = Pattern.compile("^(.*?)\\s*(\\(\\s*\\d+\\s*\\))$");
    private static final Map<Class<?>, String> JAVA_TYPES = Map.of(Short.class, "smallint", Integer.class, "integer",
            Long.class, "bigint", String.class, "text", UUID.class, "uuid");

    private ObjectIdRule() {}

    /**
     * The rule itself, as {@code polyref.object_id_registry(ct, id, pk)}.
     *
     * @param contentType the content-type column's type, or null not to check it
     * @param objectId    the object-id column's type, or null not to check it
     * @param primaryKey  a target's primary key type, or null not to check it
     * @return the registry ({@code bigint}, {@code text}, {@code uuid}) of such a key, or empty when refused
     */
    public static Optional<String> registry(@Nullable String contentType, @Nullable String objectId,
            @Nullable String primaryKey) {
        String ct = contentType == null ? null : normalise(contentType);
        String id = objectId == null ? null : normalise(objectId);
        String pk = primaryKey == null ? null : normalise(primaryKey);
        if (ct != null && !ct.equals("integer")) {
            return Optional.empty();
        }
        if (id != null && INTEGER_WIDTH.containsKey(id)) {
            return pk == null || INTEGER_WIDTH.containsKey(pk) && INTEGER_WIDTH.get(pk) <= INTEGER_WIDTH.get(id)
                    ? Optional.of("bigint") : Optional.empty();
        }
        if ("text".equals(id) || "character varying".equals(id)) {
            return pk == null || INTEGER_WIDTH.containsKey(pk) || pk.equals("text") || pk.equals("uuid")
                    || pk.startsWith("character varying") ? Optional.of("text") : Optional.empty();
        }
        if ("uuid".equals(id)) {
            return pk == null || pk.equals("uuid") ? Optional.of("uuid") : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * @param objectId   the object-id column's type
     * @param primaryKey a target's primary key type
     * @return whether the object id can hold such keys
     */
    public static boolean canHold(String objectId, String primaryKey) {
        return registry(null, objectId, primaryKey).isPresent();
    }

    /**
     * @param objectId   the Java type of the object-id column ({@code Long}, {@code String}, ...)
     * @param primaryKey the Java type of a target's primary key
     * @return whether the object id can hold such keys
     */
    public static boolean canHold(Class<?> objectId, Class<?> primaryKey) {
        String id = JAVA_TYPES.get(objectId);
        String pk = JAVA_TYPES.get(primaryKey);
        return id != null && pk != null && canHold(id, pk);
    }

    /**
     * @param type a type name as format_type, jOOQ-meta or DDL writes it ({@code int8}, {@code varchar(12)})
     * @return it as format_type writes it ({@code bigint}, {@code character varying(12)})
     */
    public static String normalise(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher length = LENGTH.matcher(lower);
        String base = length.matches() ? length.group(1) : lower;
        String suffix = length.matches() ? length.group(2).replace(" ", "") : "";
        return ALIASES.getOrDefault(base, base) + suffix;
    }
}
