package com.penguinmails.crmsync.job.support;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/** The bounded executor that runs a job's partitions: at most {@code concurrency} (a job parameter) at once. */
@Configuration(proxyBeanMethods = false)
public class PartitionExecutorConfiguration {

    /** Runs {@code worker} once per partition on the bounded partition executor. */
    public static org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler handler(
            org.springframework.batch.core.step.Step worker, TaskExecutor partitionTaskExecutor) {
        var handler = new org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler();
        handler.setStep(worker);
        handler.setTaskExecutor(partitionTaskExecutor);
        return handler;
    }

    @Bean
    @JobScope
    public TaskExecutor partitionTaskExecutor(@Value("#{jobParameters['concurrency']}") Long concurrency) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        executor.setConcurrencyLimit(concurrency.intValue());
        return executor;
    }
}
