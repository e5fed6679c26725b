package com.penguinmails.crmsync.cli;

/** The exit codes of every command. */
public final class ExitCodes {

    /** The command did what was asked; a job run completed. */
    public static final int OK = 0;
    /** A job run ended FAILED or STOPPED, or an unexpected error. */
    public static final int FAILED = 1;
    /** Bad usage, bad input (unknown id, malformed argument) or an unreachable database: nothing was changed. */
    public static final int BAD_REQUEST = 2;

    private ExitCodes() {
    }
}
