package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.penguinmails.crmsync.core.InvalidRequestException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code backfill --since}: the forms it takes, and a bad or future value refused with one line naming the option
 * before anything is opened (the database given is one nobody serves, so reaching it would fail differently).
 */
class BackfillSinceTest {

    private static final Map<String, Object> UNREACHABLE = Map.of("spring.datasource.url",
            "jdbc:postgresql://127.0.0.1:1/none");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void takesADateADateTimeWithOrWithoutAnOffsetAndAnInstant() {
        assertThat(BackfillCommand.parseSince("2026-11-01", NOW)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(BackfillCommand.parseSince("2026-11-01T08:30:00Z", NOW)).isEqualTo("2026-11-01T08:30:00Z");
        assertThat(BackfillCommand.parseSince("2026-11-01T08:30:00+02:00", NOW)).isEqualTo("2026-11-01T06:30:00Z");
        assertThat(BackfillCommand.parseSince("2026-11-01T08:30", NOW)).isEqualTo("2026-11-01T08:30:00Z");
    }

    @Test
    void refusesTextThatIsNoDateAndATimeInTheFuture() {
        assertThatThrownBy(() -> BackfillCommand.parseSince("last tuesday", NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("--since 'last tuesday'");
        assertThatThrownBy(() -> BackfillCommand.parseSince("2026-13-01", NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("--since");
        assertThatThrownBy(() -> BackfillCommand.parseSince("2026-11-20T12:00:01Z", NOW))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("future");
    }

    @Test
    void aBadSinceExitsTwoWithOneLineBeforeTheDatabaseIsUsed() {
        // when
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CrmSyncCli.execute(new String[] {"backfill", "--connection", "1", "--since", "yesterday"},
                UNREACHABLE, new PrintWriter(out), new PrintWriter(err));

        // then
        assertThat(exit).isEqualTo(ExitCodes.BAD_REQUEST);
        assertThat(err.toString().strip()).contains("--since 'yesterday'").doesNotContain("\n")
                .doesNotContain("cannot use the database");
        assertThat(out.toString()).isEmpty();
    }
}
