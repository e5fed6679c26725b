package com.penguinmails.crmsync.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.penguinmails.crmsync.cli.ChildRun;
import com.penguinmails.crmsync.cli.CrmSyncCli;
import com.penguinmails.crmsync.cli.ExitCodes;
import com.penguinmails.crmsync.testing.TestDatabase;
import com.penguinmails.crmsync.testing.TestDatabase.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One run per tenant of lead-score (and per connection of the per-connection jobs), whatever selection started it:
 * while another session that calls itself a run ({@code application_name} "crm-sync execution 4242") holds the locks
 * of every tenant, a launch is refused without touching the job repository, naming that execution; while it holds one
 * tenant, a launch runs the others and fails that tenant's partition naming the holder, and a restart once it is free
 * completes it. Targets {@code crm-sync serve} holds for a micro-batch ({@link RunLocks#tryLease}) are waited for.
 */
class SecondLaunchRefusedIT {

    @Test
    void aLaunchWhoseTenantsAreAllHeldByALiveRunIsRefusedNamingThatRun() throws SQLException {
        // given a migrated, seeded database and another run's session holding lead-score's lock of every tenant
        Database db = TestDatabase.create("second_launch");
        ChildRun.seededDatabase(db, 5);
        long executionsBefore = executionCount(db);
        try (Connection other = db.connect()) {
            holdAsRun(other, 4242, ChildRun.TENANTS);

            // when
            Result refused = cli(db, "run", "lead-score");

            // then
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_REQUEST);
            assertThat(refused.err()).contains("lead-score", "already running", "execution 4242");
            assertThat(executionCount(db)).isEqualTo(executionsBefore);
        }

        // and when that session has ended
        Result accepted = cli(db, "run", "lead-score");

        // then
        assertThat(accepted.exitCode()).as("run failed: %s", accepted.err()).isEqualTo(ExitCodes.OK);
        assertThat(executionCount(db)).isEqualTo(executionsBefore + 1);
    }

    @Test
    void aTenantHeldByAnotherRunIsLeftUntouchedNamedAndRunByARestartOnceFree() throws SQLException {
        // given another run holding lead-score's lock of globex only
        Database db = TestDatabase.create("partly_held");
        ChildRun.seededDatabase(db, 5);
        long executionId;
        try (Connection other = db.connect()) {
            holdAsRun(other, 4242, List.of("globex"));

            // when
            Result run = cli(db, "run", "lead-score");

            // then the other tenants are scored, globex's partition fails naming the holder, having read nothing
            assertThat(run.exitCode()).as("%s %s", run.out(), run.err()).isEqualTo(ExitCodes.FAILED);
            executionId = lastExecutionId(db);
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-acme-robotics"))
                    .isEqualTo("COMPLETED");
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-globex")).isEqualTo("FAILED");
            assertThat(readCount(db, executionId, "leadScoreTenantStep:tenant-globex")).isZero();
            assertThat(cli(db, "show", Long.toString(executionId)).out())
                    .contains("tenant globex is being worked on by execution 4242");
        }

        // and when the holder has ended, a restart runs globex
        Result restart = cli(db, "restart", Long.toString(executionId));
        assertThat(restart.exitCode()).as("%s %s", restart.out(), restart.err()).isEqualTo(ExitCodes.OK);
        assertThat(partitionStatus(db, lastExecutionId(db), "leadScoreTenantStep:tenant-globex"))
                .isEqualTo("COMPLETED");
    }

    @Test
    void aRunWaitsForTheTargetsTheServiceHoldsForAMicroBatchInsteadOfBeingRefused() throws Exception {
        // given crm-sync serve holding lead-score's lock of every tenant, for a micro-batch that ends in a moment
        Database db = TestDatabase.create("service_held");
        ChildRun.seededDatabase(db, 5);
        RunLocks locks = new RunLocks(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        List<RunLocks.Lease> leases = ChildRun.TENANTS.stream()
                .map(t -> locks.tryLease("lead-score", LockTarget.tenant(t)).orElseThrow()).toList();
        assertThat(locks.holders("lead-score", List.of(LockTarget.tenant("globex"))).values())
                .singleElement().satisfies(holder -> assertThat(holder.service()).isTrue());
        releaseLater(db, leases);

        // when
        Result run = cli(db, "run", "lead-score");

        // then the launch was not refused, and every tenant ran once the service let it go
        assertThat(run.exitCode()).as("%s %s", run.out(), run.err()).isEqualTo(ExitCodes.OK);
        long executionId = lastExecutionId(db);
        for (String tenant : ChildRun.TENANTS) {
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-" + tenant)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aTargetAnotherRunHoldsStillFailsAtOnceWhileOneTheServiceHoldsIsWaitedFor() throws Exception {
        // given another run holding globex, and the service initech for a moment
        Database db = TestDatabase.create("run_and_service_held");
        ChildRun.seededDatabase(db, 5);
        RunLocks locks = new RunLocks(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        try (Connection other = db.connect()) {
            holdAsRun(other, 4242, List.of("globex"));
            releaseLater(db, List.of(locks.tryLease("lead-score", LockTarget.tenant("initech")).orElseThrow()));

            // when
            Result run = cli(db, "run", "lead-score");

            // then globex's partition failed naming the run, having read nothing; initech's waited and completed
            assertThat(run.exitCode()).as("%s %s", run.out(), run.err()).isEqualTo(ExitCodes.FAILED);
            long executionId = lastExecutionId(db);
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-globex")).isEqualTo("FAILED");
            assertThat(readCount(db, executionId, "leadScoreTenantStep:tenant-globex")).isZero();
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-initech")).isEqualTo("COMPLETED");
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-acme-robotics"))
                    .isEqualTo("COMPLETED");
        }
    }

    @Test
    void aTargetTheServiceKeepsLongerThanTheWaitFailsLikeOneARunHolds() throws Exception {
        // given the service holding globex for longer than runs wait (2 s here)
        Database db = TestDatabase.create("service_held_long");
        ChildRun.seededDatabase(db, 5);
        RunLocks locks = new RunLocks(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        Map<String, Object> properties = new HashMap<>(db.springProperties());
        properties.put("crmsync.run.service-wait", "2s");
        try (RunLocks.Lease lease = locks.tryLease("lead-score", LockTarget.tenant("globex")).orElseThrow()) {
            // when
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exitCode = CrmSyncCli.execute(new String[] {"run", "lead-score"}, properties, new PrintWriter(out),
                    new PrintWriter(err));

            // then globex's partition failed naming the service, having read nothing; the others ran
            assertThat(exitCode).as("%s %s", out, err).isEqualTo(ExitCodes.FAILED);
            long executionId = lastExecutionId(db);
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-globex")).isEqualTo("FAILED");
            assertThat(readCount(db, executionId, "leadScoreTenantStep:tenant-globex")).isZero();
            assertThat(partitionStatus(db, executionId, "leadScoreTenantStep:tenant-initech")).isEqualTo("COMPLETED");
            assertThat(cli(db, "show", Long.toString(executionId)).out())
                    .contains("tenant globex is being worked on by crm-sync serve");
        }
    }

    /**
     * Closes the leases (a micro-batch of the service ending) a second after a run's lock session has opened (the
     * run claims its targets right after), on a thread of their own; sessions of the fake run 4242 do not count.
     */
    private static void releaseLater(Database db, List<RunLocks.Lease> leases) {
        Thread release = new Thread(() -> {
            try (Connection watcher = db.connect(); PreparedStatement ps = watcher.prepareStatement("""
                    SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'crm-sync execution %'
                    AND application_name <> 'crm-sync execution 4242'""")) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            break;
                        }
                    }
                    Thread.sleep(100);
                }
                Thread.sleep(1_000);
            } catch (SQLException | InterruptedException e) {
                // release anyway: the test then fails on what the run did
            } finally {
                leases.forEach(RunLocks.Lease::close);
            }
        }, "service-lease");
        release.setDaemon(true);
        release.start();
    }

    /** Takes lead-score's locks of {@code tenants} on {@code connection}'s session, named as execution {@code id}. */
    private static void holdAsRun(Connection connection, long id, List<String> tenants) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET application_name = '" + RunLocks.APPLICATION_NAME + id + "'");
        }
        for (String tenant : tenants) {
            LockTarget target = LockTarget.tenant(tenant);
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                ps.setInt(1, target.classKey("lead-score"));
                ps.setInt(2, target.objectKey());
                ps.executeQuery().close();
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
        return single(db, "SELECT count(*) FROM batch_job_execution");
    }

    private static long lastExecutionId(Database db) throws SQLException {
        return single(db, "SELECT max(job_execution_id) FROM batch_job_execution");
    }

    private static long readCount(Database db, long executionId, String step) throws SQLException {
        return single(db, "SELECT read_count FROM batch_step_execution WHERE job_execution_id = " + executionId
                + " AND step_name = '" + step + "'");
    }

    private static String partitionStatus(Database db, long executionId, String step) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM batch_step_execution WHERE job_execution_id = "
                     + executionId + " AND step_name = '" + step + "' ORDER BY step_execution_id DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "absent";
        }
    }

    private static long single(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
