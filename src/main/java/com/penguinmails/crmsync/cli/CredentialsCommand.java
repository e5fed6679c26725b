package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.credentials.CredentialStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code credentials}: the encryption of connection secrets. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "The encryption of connection secrets at rest.",
        subcommands = CredentialsCommand.RotateKey.class)
class CredentialsCommand {

    @ParentCommand
    CrmSyncCommand root;

    /** {@code credentials rotate-key}. */
    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = {"Adds a new key to the keyset, re-encrypts every connection's credentials with it and",
                    "disables the old keys. Credentials that cannot be decrypted are named and keep their old key",
                    "(which then stays enabled). Back up the keyset file first; the new keyset replaces it."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every credential re-encrypted", "1:some credentials could not be decrypted",
                    "2:bad usage, no keyset or no database"})
    static class RotateKey implements Callable<Integer> {

        @ParentCommand
        private CredentialsCommand parent;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            CredentialStore.Rotation rotation = parent.root.session().bean(CredentialStore.class).rotateKey();
            spec.commandLine().getOut().printf("new primary key %s: %d credentials re-encrypted%n",
                    rotation.newKeyId(), rotation.resealed());
            if (!rotation.unreadable().isEmpty()) {
                spec.commandLine().getErr().println("error: could not decrypt the credentials of connections "
                        + rotation.unreadable() + "; they keep their old key, which stays enabled. Re-add those "
                        + "connections, then rotate again.");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
