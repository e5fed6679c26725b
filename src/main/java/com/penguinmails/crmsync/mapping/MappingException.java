package com.penguinmails.crmsync.mapping;

/** A value a transform cannot use; the message says what is wrong with it (never the value itself: it may be PII). */
public class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }
}
