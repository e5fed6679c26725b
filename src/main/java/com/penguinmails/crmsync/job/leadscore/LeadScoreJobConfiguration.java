package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.core.ContactEngagement;
import com.penguinmails.crmsync.core.ScoreChange;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import com.penguinmails.crmsync.job.support.PartitionExecutorConfiguration;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.job.support.RunProgress;
import com.penguinmails.crmsync.job.support.TenantPartitioner;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactScoreStore;
import com.penguinmails.crmsync.store.EngagementStore;
import com.penguinmails.crmsync.store.LeadScoreModelStore;
import com.penguinmails.crmsync.store.TenantStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.time.Instant;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code lead-score} job: one partition per tenant of the run's shard; each partition reads the contacts with
 * events newer than the tenant's watermark (up to the newest event when the run started), scores them as of the run's
 * {@code asOf}, writes changed scores and marks those contacts for outbound sync, a chunk per transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadScoreProperties.class)
public class LeadScoreJobConfiguration {

    public static final String JOB_NAME = "lead-score";
    /** The watermark stream: the id of the last engagement event scored. */
    public static final String EVENTS_STREAM = "lead-score.events";
    static final String FROM_EVENT_ID = "fromEventId";
    static final String TO_EVENT_ID = "toEventId";

    @Bean
    public Job leadScoreJob(JobRepository jobRepository, Step leadScoreStep, LauncherRecorder launcherRecorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(launcherRecorder)
                .start(leadScoreStep)
                .build();
    }

    @Bean
    public Step leadScoreStep(JobRepository jobRepository, TenantPartitioner leadScorePartitioner,
                              TaskExecutorPartitionHandler leadScorePartitionHandler) {
        return new StepBuilder("leadScoreStep", jobRepository)
                .partitioner("leadScoreTenantStep", leadScorePartitioner)
                .partitionHandler(leadScorePartitionHandler)
                .build();
    }

    @Bean
    public TaskExecutorPartitionHandler leadScorePartitionHandler(Step leadScoreTenantStep,
                                                                  TaskExecutor partitionTaskExecutor) {
        return PartitionExecutorConfiguration.handler(leadScoreTenantStep, partitionTaskExecutor);
    }

    /** Fixes each tenant's event range when the run starts: (watermark, newest event id]. */
    @Bean
    @JobScope
    public TenantPartitioner leadScorePartitioner(TenantStore tenants, WatermarkStore watermarks,
                                                  EngagementStore events,
                                                  @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        return new TenantPartitioner(tenants, RunParameters.from(parameters), (tenant, context) -> {
            context.putLong(FROM_EVENT_ID, watermarks.numericPosition(tenant.id(), null, EVENTS_STREAM));
            context.putLong(TO_EVENT_ID, events.maxEventId(tenant.id()));
        });
    }

    @Bean
    public Step leadScoreTenantStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    LeadScoreProperties properties, ContactEngagementReader leadScoreReader,
                                    LeadScoreProcessor leadScoreProcessor, LeadScoreWriter leadScoreWriter,
                                    WatermarkStore watermarks, RunProgress runProgress) {
        return new StepBuilder("leadScoreTenantStep", jobRepository)
                .<ContactEngagement, ScoreChange>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(leadScoreReader)
                .processor(leadScoreProcessor)
                .writer(leadScoreWriter)
                .listener(new LeadScoreWatermarkListener(watermarks))
                .listener(runProgress)
                .build();
    }

    @Bean
    @StepScope
    public ContactEngagementReader leadScoreReader(EngagementStore events, LeadScoreProperties properties,
                                                   @Value("#{stepExecutionContext['tenantId']}") String tenantId,
                                                   @Value("#{stepExecutionContext['fromEventId']}") Long fromEventId,
                                                   @Value("#{stepExecutionContext['toEventId']}") Long toEventId,
                                                   @Value("#{jobParameters['asOf']}") String asOf) {
        return new ContactEngagementReader(events, tenantId, fromEventId, toEventId, Instant.parse(asOf),
                properties.chunkSize());
    }

    @Bean
    @StepScope
    public LeadScoreProcessor leadScoreProcessor(LeadScoreModelStore models, LeadScoreProperties properties,
                                                 @Value("#{stepExecutionContext['tenantId']}") String tenantId,
                                                 @Value("#{jobParameters['asOf']}") String asOf) {
        var model = models.find(tenantId).orElseGet(properties::defaultModel);
        return new LeadScoreProcessor(new LeadScoreCalculator(model), Instant.parse(asOf));
    }

    @Bean
    @StepScope
    public LeadScoreWriter leadScoreWriter(ContactScoreStore scores, ContactChangeStore changes,
                                           @Value("#{stepExecutionContext['tenantId']}") String tenantId,
                                           @Value("#{jobParameters['asOf']}") String asOf) {
        return new LeadScoreWriter(scores, changes, tenantId, Instant.parse(asOf));
    }
}
