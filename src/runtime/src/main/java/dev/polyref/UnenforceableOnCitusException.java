package dev.polyref;

/**
 * {@code enforce} was refused because the generic key's table or one of its target tables is a Citus distributed
 * or reference table: Polyref enforces a key with triggers on the targets and a foreign key to an object registry
 * on the coordinator, and Citus runs neither on those tables. Nothing was changed. The message names the key and
 * the table; {@code polyref check} still reports the key's dangling references (docs/scale-out.md).
 *
 * <pre>{@code
 * try {
 *     polyref.using(dsl).integrity().enforce(ACTIVITY, "target");
 * } catch (UnenforceableOnCitusException e) {
 *     // report dangling references with check() instead, or colocate a one-target key and use a foreign key
 * }
 * }</pre>
 */
public class UnenforceableOnCitusException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the key, the table and why
     * @param cause   the database's refusal
     */
    public UnenforceableOnCitusException(String message, Throwable cause) {
        super(message, cause);
    }
}
