package com.penguinmails.crmsync.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default on a persistent data directory: start, attach, persist, and recover from a stale lock. */
class LocalPostgresIT {

    @Test
    void startsAServerOnAnEmptyDirectoryAndServesIt(@TempDir Path dataDir) throws Exception {
        // given an empty data directory

        // when
        try (LocalPostgres server = LocalPostgres.startOrAttach(dataDir)) {

            // then
            assertThat(server.ownsServer()).isTrue();
            assertThat(selectOne(server)).isEqualTo(1);
            assertThat(dataDir.resolve("postmaster.pid")).isRegularFile();
        }
    }

    @Test
    void aSecondStartOrAttachOnARunningDirectoryAttachesToTheSameServer(@TempDir Path dataDir) throws Exception {
        // given
        try (LocalPostgres owner = LocalPostgres.startOrAttach(dataDir)) {

            // when
            try (LocalPostgres attached = LocalPostgres.startOrAttach(dataDir)) {

                // then
                assertThat(attached.ownsServer()).isFalse();
                assertThat(attached.port()).isEqualTo(owner.port());
                assertThat(selectOne(attached)).isEqualTo(1);
            }
            // closing the attached handle leaves the owner's server running
            assertThat(selectOne(owner)).isEqualTo(1);
        }
    }

    @Test
    void dataWrittenInOneRunIsThereInTheNext(@TempDir Path dataDir) throws Exception {
        // given a table written by a server that has stopped since
        try (LocalPostgres first = LocalPostgres.startOrAttach(dataDir);
             Connection c = connect(first); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (note text)");
            st.execute("INSERT INTO kept VALUES ('written in the first run')");
        }

        // when
        try (LocalPostgres next = LocalPostgres.startOrAttach(dataDir);
             Connection c = connect(next); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT note FROM kept")) {

            // then
            assertThat(next.ownsServer()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written in the first run");
        }
    }

    @Test
    void aStalePidFileOfADeadServerDoesNotPreventAStart(@TempDir Path dataDir) throws Exception {
        // given an initialized data directory whose postmaster.pid names a dead process and a port nobody serves
        try (LocalPostgres first = LocalPostgres.startOrAttach(dataDir)) {
            assertThat(first.ownsServer()).isTrue();
        }
        Files.write(dataDir.resolve("postmaster.pid"), List.of(String.valueOf(deadPid()), dataDir.toString(),
                "1700000000", String.valueOf(freePort()), "/tmp", "localhost", "  5432001    12345", "ready   "));

        // when
        try (LocalPostgres server = LocalPostgres.startOrAttach(dataDir)) {

            // then
            assertThat(server.ownsServer()).isTrue();
            assertThat(selectOne(server)).isEqualTo(1);
        }
    }

    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        assertThat(process.isAlive()).isFalse();
        return process.pid();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Connection connect(LocalPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
    }

    private static int selectOne(LocalPostgres server) throws SQLException {
        try (Connection c = connect(server); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
