package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The bounded executor that runs a job's partitions: at most {@code concurrency} (a job parameter) at once, each
 * while its run holds the partition's connection or tenant ({@link ClaimingPartitionHandler}); and the builder of the
 * jobs' partitioned steps that uses it ({@link PartitionedSteps}).
 */
@Configuration(proxyBeanMethods = false)
public class PartitionExecutorConfiguration {

    /**
     * @param serviceWait how long a run waits, at most, for the connections and tenants {@code crm-sync serve} holds
     *                    for a micro-batch ({@code crmsync.run.service-wait}, default 60 s)
     */
    @Bean
    public PartitionedSteps partitionedSteps(JobRepository jobRepository, TaskExecutor partitionTaskExecutor,
                                             RunLocks runLocks, PlatformTransactionManager transactionManager,
                                             ConnectionRegistry connections, RunProgress runProgress,
                                             com.penguinmails.crmsync.metrics.SyncMetrics metrics,
                                             QuotaPauses quotaPauses,
                                             @Value("${crmsync.run.service-wait:60s}") java.time.Duration serviceWait) {
        return new PartitionedSteps(jobRepository, partitionTaskExecutor, runLocks, transactionManager, connections,
                runProgress, serviceWait, metrics, quotaPauses);
    }

    @Bean
    @JobScope
    public TaskExecutor partitionTaskExecutor(@Value("#{jobParameters['concurrency']}") Long concurrency) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
        executor.setConcurrencyLimit(concurrency.intValue());
        return executor;
    }
}
