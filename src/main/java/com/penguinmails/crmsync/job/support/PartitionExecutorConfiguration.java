package com.penguinmails.crmsync.job.support;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The bounded executor that runs a job's partitions: at most {@code concurrency} (a job parameter) at once, each
 * while its run holds the partition's connection or tenant ({@link ClaimingPartitionHandler}).
 */
@Configuration(proxyBeanMethods = false)
public class PartitionExecutorConfiguration {

    /** Runs {@code worker} once per partition on the bounded partition executor, one run per connection or tenant. */
    public static TaskExecutorPartitionHandler handler(Step worker, TaskExecutor partitionTaskExecutor,
                                                       RunLocks runLocks, JobRepository jobRepository) {
        var handler = new ClaimingPartitionHandler(runLocks, jobRepository);
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
