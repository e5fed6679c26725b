package com.penguinmails.crmsync.core;

import java.util.Locale;

/**
 * Who changed something, as the audit log records it ({@code crm_sync.sync_audit.actor}): a tenant's user or an
 * operator through the API or console (the token's subject), an operator at the CLI (the OS user), or the suite
 * itself. Never personal data beyond the identifier the caller's token or login gives.
 *
 * @param kind who kind of caller
 * @param name the caller's identifier within its kind (a JWT subject, an OS user name, a component)
 */
public record Actor(Kind kind, String name) {

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
        name = name.strip();
    }

    /** The kinds of caller. */
    public enum Kind {
        /** A tenant's user through the API or the console (JWT subject). */
        USER,
        /** An operator through the API or the console (JWT with the operator scope). */
        OPERATOR,
        /** An operator at the command line (OS user). */
        CLI,
        /** The suite itself (a job, the service pausing a connection at its API allocation). */
        SYSTEM;

        String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The operator at this command line: the OS user ({@code user.name}). */
    public static Actor cli() {
        return new Actor(Kind.CLI, System.getProperty("user.name", "unknown"));
    }

    /** The suite's own {@code component} (e.g. {@code api-allocation}). */
    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    /** As stored: {@code kind:name}, e.g. {@code user:auth0|42}, {@code cli:ops}. */
    @Override
    public String toString() {
        return kind.prefix() + ":" + name;
    }

    /** Reads {@link #toString()}'s form. */
    public static Actor parse(String stored) {
        int colon = stored.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not an actor: " + stored);
        }
        return new Actor(Kind.valueOf(stored.substring(0, colon).toUpperCase(Locale.ROOT)),
                stored.substring(colon + 1));
    }
}
