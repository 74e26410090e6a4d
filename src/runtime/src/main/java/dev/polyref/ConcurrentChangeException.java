package dev.polyref;

import dev.polyref.generic.ChangesetError;
import java.util.List;

/**
 * {@link dev.polyref.generic.Changeset#apply()} found that a child it changes or deletes was changed or deleted by
 * someone else since the changeset read it (optimistic concurrency: a version column, or else every value read).
 * Nothing was written. Read the children again and redo the edit. {@link #errors()} holds at least one error whose
 * code {@link ChangesetError.Code#isConcurrency() is a concurrency conflict}, besides any other errors found.
 */
public class ConcurrentChangeException extends ChangesetRejectedException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names the relation, the parent and the rows
     * @param errors  every error, at least one of them a concurrency conflict
     */
    public ConcurrentChangeException(String message, List<ChangesetError> errors) {
        super(message, errors);
    }
}
