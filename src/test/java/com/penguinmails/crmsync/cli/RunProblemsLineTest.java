package com.penguinmails.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.core.SyncError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line a run prints after its summary table: the errors and warnings it left open, or nothing. */
class RunProblemsLineTest {

    @Test
    void countsOpenErrorsAndWarningsAndPointsAtErrorsList() {
        assertThat(RunReporting.problems(Map.of(SyncError.Kind.ERROR, 1L, SyncError.Kind.WARNING, 4L), 12))
                .isEqualTo("execution 12: 1 error (records not synced), 4 warnings (values dropped, cleaned or cut) "
                        + "open; see 'crm-sync errors list'");
        assertThat(RunReporting.problems(Map.of(SyncError.Kind.ERROR, 0L, SyncError.Kind.WARNING, 1L), 3))
                .startsWith("execution 3: 0 errors").contains("1 warning (");
    }

    @Test
    void aRunThatLeftNothingOpenPrintsNoLine() {
        assertThat(RunReporting.problems(Map.of(SyncError.Kind.ERROR, 0L, SyncError.Kind.WARNING, 0L), 5)).isNull();
        assertThat(RunReporting.problems(Map.of(), 5)).isNull();
    }
}
