package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.cli.CrmSyncCli;
import com.penguinmails.crmsync.cli.ExitCodes;
import com.penguinmails.crmsync.core.Shard;
import com.penguinmails.crmsync.testing.TestDatabase;
import com.penguinmails.crmsync.testing.TestDatabase.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * One running execution per job and shard: while another session (another pod, another operator) holds the run lock
 * of lead-score on shard 0/1, a launch is refused without touching the job repository; once it is free, a launch runs.
 */
class SecondLaunchRefusedIT {

    /** The first key of every run lock, "PMCS" (JobRunLock.NAMESPACE). */
    private static final int NAMESPACE = 0x504d4353;

    @Test
    void aSecondLaunchOfAJobAndShardIsRefusedWhileTheFirstHoldsTheRunLock() throws SQLException {
        // given a migrated, seeded database and another session holding the run lock of lead-score on all tenants
        Database db = TestDatabase.create("second_launch");
        assertThat(cli(db, "demo", "--contacts", "5").exitCode()).isEqualTo(ExitCodes.OK);
        long executionsBefore = executionCount(db);
        try (Connection other = db.connect()) {
            hold(other);

            // when
            Result refused = cli(db, "run", "lead-score");

            // then
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(refused.err()).contains("lead-score", "already running");
            assertThat(executionCount(db)).isEqualTo(executionsBefore);

            assertThat(release(other)).isTrue();
        }

        // and when the lock is free again
        Result accepted = cli(db, "run", "lead-score");

        // then
        assertThat(accepted.exitCode()).as("run failed: %s", accepted.err()).isEqualTo(ExitCodes.OK);
        assertThat(executionCount(db)).isEqualTo(executionsBefore + 1);
    }

    /** Takes the run lock of lead-score for all tenants on {@code connection}'s session, waiting for it if need be. */
    private static void hold(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, JobRunLock.key("lead-score", Shard.ALL));
            ps.executeQuery().close();
        }
    }

    /** Releases it; whether this session held it. */
    private static boolean release(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, JobRunLock.key("lead-score", Shard.ALL));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Exit code, standard output and standard error of one command line. */
    record Result(int exitCode, String out, String err) {
    }

    private static Result cli(Database db, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CrmSyncCli.execute(args, db.springProperties(), new PrintWriter(out), new PrintWriter(err));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static long executionCount(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM batch_job_execution")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
