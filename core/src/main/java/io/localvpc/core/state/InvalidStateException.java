package io.localvpc.core.state;

/** A state document (an export being imported) that cannot become the state; the message names the row and the fault. */
public final class InvalidStateException extends IllegalArgumentException {
    public InvalidStateException(String message) {
        super(message);
    }
}
