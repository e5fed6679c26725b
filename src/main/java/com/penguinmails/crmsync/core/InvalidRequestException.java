package com.penguinmails.crmsync.core;

/**
 * A request that cannot be carried out as asked: an unknown tenant, job or execution, a malformed argument, a run
 * that is already going. The message is one line for a person and names what was wrong; the CLI exits 2.
 */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
