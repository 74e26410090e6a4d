package dev.polyref;

import dev.polyref.generic.ChangesetError;
import java.util.List;

/**
 * {@link dev.polyref.generic.Changeset#apply()} refused a changeset: its rows break a column constraint, the
 * caller's validator, the min/max number of children or uniqueness among siblings. Nothing was written. The
 * errors are the ones {@link dev.polyref.generic.Changeset#validate()} returns, by row and field; the message lists
 * them. A conflict with a concurrent editor is the subtype {@link ConcurrentChangeException}.
 */
public class ChangesetRejectedException extends PolyrefException {

    private static final long serialVersionUID = 1L;

    private final List<ChangesetError> errors;

    /**
     * @param message names the relation and the parent
     * @param errors  every error, at least one
     */
    public ChangesetRejectedException(String message, List<ChangesetError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** @return every error, by row and field; never empty */
    public List<ChangesetError> errors() {
        return errors;
    }
}
