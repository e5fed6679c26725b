package com.penguinmails.crmsync.cli;

import picocli.CommandLine.Parameters;

/** A {@code connections} subcommand about one connection, named by its id as the first parameter. */
abstract class ConnectionIdSubcommand extends ConnectionSubcommand {

    @Parameters(index = "0", paramLabel = "CONNECTION_ID")
    long id;
}
