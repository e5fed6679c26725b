package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.credentials.CredentialsException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the operator CLI: parses the command line, runs the command, and maps the outcome to the exit code
 * (0 success, 1 a job failed, 2 bad usage, bad input or an unreachable database). A person reads one line per error;
 * the stack trace only with {@code --debug}.
 */
public final class CrmSyncCli {

    private CrmSyncCli() {
    }

    public static int execute(String[] args) {
        return execute(args, Map.of(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /**
     * Runs one command line.
     *
     * @param properties extra Spring properties for the application context (tests name their database here)
     */
    public static int execute(String[] args, Map<String, Object> properties, PrintWriter out, PrintWriter err) {
        CrmSyncCommand root = new CrmSyncCommand(properties);
        CommandLine commandLine = new CommandLine(root)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> handle(e, cmd, root));
        int exitCode = ExitCodes.FAILED;
        try {
            exitCode = commandLine.execute(args);
            return exitCode;
        } finally {
            root.session().close(exitCode);
            out.flush();
            err.flush();
        }
    }

    private static int handle(Exception e, CommandLine command, CrmSyncCommand root) {
        PrintWriter err = command.getErr();
        if (root.debug()) {
            e.printStackTrace(err);
        }
        if (e instanceof InvalidRequestException || e instanceof DatabaseUnavailableException
                || e instanceof CredentialsException) {
            err.println("error: " + e.getMessage());
            return ExitCodes.BAD_REQUEST;
        }
        err.println("error: " + SpringSession.reason(e) + (root.debug() ? "" : " (run with --debug for details)"));
        return ExitCodes.FAILED;
    }
}
