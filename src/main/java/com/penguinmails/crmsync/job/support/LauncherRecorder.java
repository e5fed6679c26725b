package com.penguinmails.crmsync.job.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Makes an execution this process's for as long as it runs: writes which process runs it ({@value #LAUNCHER}:
 * {@code pid@host}) into its job execution context, so that {@code show} can tell an operator where a STARTED
 * execution lives (or lived), and holds its lock session ({@link RunLocks}) from its start to its end, so other
 * processes see it alive and leave the connections it works on alone.
 */
@Component
public class LauncherRecorder implements JobExecutionListener {

    public static final String LAUNCHER = "launcher";

    private final RunLocks runLocks;

    public LauncherRecorder(RunLocks runLocks) {
        this.runLocks = runLocks;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        runLocks.session(jobExecution.getId());
        jobExecution.getExecutionContext().putString(LAUNCHER, ProcessHandle.current().pid() + "@" + hostName());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        runLocks.close(jobExecution.getId());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
