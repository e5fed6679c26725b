package com.penguinmails.crmsync.cli;

/** The application could not start because its database cannot be reached or used; the message says which. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
