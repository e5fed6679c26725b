package com.penguinmails.crmsync.job.leadscore;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.ContactEngagement;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.ScoreChange;
import com.penguinmails.crmsync.job.contactpush.ContactChangeReader;
import com.penguinmails.crmsync.job.contactpush.OutboundContactWriter;
import com.penguinmails.crmsync.job.contactpush.OutboundContactWriters;
import com.penguinmails.crmsync.job.contactpush.OutboundRange;
import com.penguinmails.crmsync.job.contactpush.OutboundWatermarkListener;
import com.penguinmails.crmsync.job.support.ApiUsageListener;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import com.penguinmails.crmsync.job.support.PartitionedSteps;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.job.support.RunProgress;
import com.penguinmails.crmsync.job.support.TenantPartitioner;
import com.penguinmails.crmsync.mapping.FieldMap;
import com.penguinmails.crmsync.mapping.PmField;
import com.penguinmails.crmsync.store.ApiUsageStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactScoreStore;
import com.penguinmails.crmsync.store.EngagementStore;
import com.penguinmails.crmsync.store.LeadScoreModelStore;
import com.penguinmails.crmsync.store.TenantStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code lead-score} job: one partition per tenant of the run's shard; each partition reads the contacts with
 * events newer than the tenant's watermark (up to the newest event when the run started), scores them as of the run's
 * {@code asOf}, writes changed scores and marks those contacts for outbound sync, a chunk per transaction. A second
 * step, one partition per CRM connection, pushes the scores to the field each connection maps {@code lead_score} to
 * (in bulk, only scores that differ from the one last pushed, as contact-sync's outbound writer decides), so a score
 * reaches the CRM in the same run that computed it; contact-sync then finds nothing left to send for it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadScoreProperties.class)
public class LeadScoreJobConfiguration {

    public static final String JOB_NAME = "lead-score";
    /** The watermark stream: the id of the last engagement event scored. */
    public static final String EVENTS_STREAM = "lead-score.events";
    static final String FROM_EVENT_ID = "fromEventId";
    static final String TO_EVENT_ID = "toEventId";

    /** The watermark stream of the score push: the last contact change number a connection's push went through. */
    public static final String PUSH_STREAM = "lead-score.push";

    @Bean
    public Job leadScoreJob(JobRepository jobRepository, Step leadScoreStep, Step leadScorePushStep,
                            LauncherRecorder launcherRecorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(launcherRecorder)
                .start(leadScoreStep)
                .next(leadScorePushStep)
                .build();
    }

    @Bean
    public ApiUsageListener leadScoreApiUsageListener(Connectors connectors, ApiUsageStore usage,
            com.penguinmails.crmsync.metrics.SyncMetrics metrics) {
        return new ApiUsageListener(connectors, usage, metrics);
    }

    @Bean
    public Step leadScorePushStep(PartitionedSteps partitioned, ConnectionPartitioner leadScorePushPartitioner,
                                  Step leadScorePushConnectionStep) {
        return partitioned.manager("leadScorePushStep", leadScorePushPartitioner, leadScorePushConnectionStep);
    }

    /** Fixes each connection's push range when the step starts: its push watermark up to the change log's horizon. */
    @Bean
    @JobScope
    public ConnectionPartitioner leadScorePushPartitioner(ConnectionStore connections, WatermarkStore watermarks,
                                                          ContactChangeStore changes,
                                                          @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        return new ConnectionPartitioner(connections, RunParameters.from(parameters), (connection, context) -> {
            new OutboundRange(watermarks.numericPosition(connection.tenantId(), connection.id(), PUSH_STREAM),
                    changes.horizon(), false).put(context);
        }, true).outboundOnly();
    }

    @Bean
    public Step leadScorePushConnectionStep(PartitionedSteps partitioned, LeadScoreProperties properties,
                                            ContactChangeReader leadScorePushReader,
                                            OutboundContactWriter leadScorePushWriter, WatermarkStore watermarks,
                                            ApiUsageListener leadScoreApiUsageListener) {
        return partitioned.<ContactChangeStore.Change>connectionWorker("leadScorePushConnectionStep",
                properties.chunkSize(), leadScorePushReader, leadScorePushWriter, leadScoreApiUsageListener,
                new OutboundWatermarkListener(watermarks, PUSH_STREAM));
    }

    @Bean
    @StepScope
    public ContactChangeReader leadScorePushReader(ContactChangeStore changes, LeadScoreProperties properties,
                                                   @Value("#{stepExecution}") StepExecution step) {
        var context = step.getExecutionContext();
        return OutboundRange.of(context).reader(changes, context.getString(ConnectionPartitioner.TENANT_ID),
                context.getLong(ConnectionPartitioner.CONNECTION_ID), properties.chunkSize());
    }

    /** contact-sync's outbound writer with the connection's field maps cut down to the score. */
    @Bean
    @StepScope
    public OutboundContactWriter leadScorePushWriter(OutboundContactWriters writers,
                                                     @Value("#{stepExecution}") StepExecution step) {
        return writers.forPartition(step, JOB_NAME, null, LeadScoreJobConfiguration::scoreOnly, connection -> false);
    }

    /** The field maps cut down to the lead score's rules. */
    private static Map<ObjectType, FieldMap> scoreOnly(Map<ObjectType, FieldMap> maps) {
        Map<ObjectType, FieldMap> scoreOnly = new LinkedHashMap<>();
        maps.forEach((type, map) -> scoreOnly.put(type, new FieldMap(map.crm(), type,
                map.rules().stream().filter(rule -> rule.pmField().equals(PmField.LEAD_SCORE.key())).toList())));
        return scoreOnly;
    }

    @Bean
    public Step leadScoreStep(PartitionedSteps partitioned, TenantPartitioner leadScorePartitioner,
                              Step leadScoreTenantStep) {
        return partitioned.manager("leadScoreStep", leadScorePartitioner, leadScoreTenantStep);
    }

    /**
     * Fixes each tenant's event range when the run starts: (watermark, newest event id], reaching back to the events
     * inserted within the late-commit window, so an event committed late under an id the watermark had passed is
     * scored; its contacts are scored again, which writes nothing when the score did not change.
     */
    @Bean
    @JobScope
    public TenantPartitioner leadScorePartitioner(TenantStore tenants, WatermarkStore watermarks,
                                                  EngagementStore events, LeadScoreProperties properties,
                                                  @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        return new TenantPartitioner(tenants, RunParameters.from(parameters), (tenant, context) -> {
            long from = watermarks.numericPosition(tenant.id(), null, EVENTS_STREAM);
            long recent = events.firstEventInsertedWithin(tenant.id(), properties.lateCommitWindow());
            context.putLong(FROM_EVENT_ID, recent > 0 ? Math.min(from, recent - 1) : from);
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
