package com.penguinmails.crmsync.job.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Writes which process runs an execution ({@value #LAUNCHER}: {@code pid@host}) into its job execution context, so
 * that {@code show} can tell an operator where a STARTED execution lives (or lived).
 */
@Component
public class LauncherRecorder implements JobExecutionListener {

    public static final String LAUNCHER = "launcher";

    @Override
    public void beforeJob(JobExecution jobExecution) {
        jobExecution.getExecutionContext().putString(LAUNCHER, ProcessHandle.current().pid() + "@" + hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
