package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.serve.api.ApiProperties;
import com.penguinmails.crmsync.serve.api.SharedSecretTokens;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code api-token}: mints a bearer JWT for {@code crm-sync serve}'s API and console with the shared secret
 * ({@code CRMSYNC_API_JWT_SECRET}), for an operator or a tenant's admin without PenguinMails' backend at hand. Needs no
 * database; prints only the token.
 */
@Command(name = "api-token", mixinStandardHelpOptions = true,
        description = {"Prints a bearer JWT for the API (/api/v1) and the console (/console), signed HS256 with",
                "CRMSYNC_API_JWT_SECRET (the secret 'serve' checks tokens with). Scoped to one tenant, or to all",
                "with --operator. Open the console with /console/login?token=<token>."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:no secret, a secret too short, or neither --tenant nor --operator"})
final class ApiTokenCommand implements Callable<Integer> {

    /** The variable holding the shared secret. */
    static final String SECRET_VARIABLE = "CRMSYNC_API_JWT_SECRET";

    @Spec
    private CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "ID", description = "The tenant the token is scoped to.")
    private @Nullable String tenant;

    @Option(names = "--operator", description = "The operator scope: every tenant.")
    private boolean operator;

    @Option(names = "--subject", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who the token names (the audit log's actor). Default: the OS user.")
    private String subject;

    @Option(names = "--valid-for", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "How long the token is valid (ISO-8601, e.g. PT8H). Default: ${DEFAULT-VALUE}.")
    private Duration validFor;

    @Override
    public Integer call() {
        String secret = System.getenv(SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new InvalidRequestException(SECRET_VARIABLE + " is not set: it must hold the secret 'serve' "
                    + "checks tokens with");
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(30)) > 0) {
            throw new InvalidRequestException("--valid-for must be more than zero and at most 30 days, was "
                    + validFor);
        }
        ApiProperties defaults = new ApiProperties(null, null, System.getenv("CRMSYNC_API_ISSUER"), "tenant",
                "crm-sync:operator");
        spec.commandLine().getOut().println(SharedSecretTokens.mint(secret, subject, tenant, operator, validFor,
                defaults));
        return ExitCodes.OK;
    }
}
