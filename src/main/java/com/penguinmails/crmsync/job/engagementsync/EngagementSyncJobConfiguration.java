package com.penguinmails.crmsync.job.engagementsync;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.EmailHistory;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.job.support.ApiUsageListener;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import com.penguinmails.crmsync.job.support.PartitionedSteps;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.job.support.StepPerCrm;
import com.penguinmails.crmsync.metrics.SyncMetrics;
import com.penguinmails.crmsync.store.ActivityBacklogStore;
import com.penguinmails.crmsync.store.ActivityLinkStore;
import com.penguinmails.crmsync.store.ApiUsageStore;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.EmailHistoryStore;
import com.penguinmails.crmsync.store.EngagementStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code engagement-sync} job: one partition per active CRM connection of the run's shard; each logs the e-mails
 * of the connection's tenant with events in (its watermark, the newest event when the run started] on the CRM
 * timeline of the linked contact or lead, after retrying the e-mails that waited. Designed to run every few minutes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngagementSyncProperties.class)
public class EngagementSyncJobConfiguration {

    public static final String JOB_NAME = "engagement-sync";

    @Bean
    public ApiUsageListener engagementSyncApiUsageListener(Connectors connectors, ApiUsageStore usage,
            SyncMetrics metrics) {
        return new ApiUsageListener(connectors, usage, metrics);
    }

    @Bean
    public Job engagementSyncJob(JobRepository jobRepository, Step engagementSyncStep,
                                 LauncherRecorder launcherRecorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(launcherRecorder)
                .start(engagementSyncStep)
                .build();
    }

    @Bean
    public Step engagementSyncStep(PartitionedSteps partitioned, ConnectionPartitioner engagementSyncPartitioner,
                                   Step engagementSyncConnectionStep) {
        return partitioned.manager("engagementSyncStep", engagementSyncPartitioner, engagementSyncConnectionStep);
    }

    /**
     * Fixes each connection's event range when the run starts: (watermark, newest event of its tenant], reaching back
     * to the events inserted within the late-commit window (read again at no API cost) so a late commit is not lost.
     * A connection that never ran starts at the beginning of the log but skips events older than the initial
     * look-back.
     */
    @Bean
    @JobScope
    public ConnectionPartitioner engagementSyncPartitioner(ConnectionStore connections, WatermarkStore watermarks,
                                                           EngagementStore events, EngagementSyncProperties properties,
                                                           @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        RunParameters run = RunParameters.from(parameters);
        return new ConnectionPartitioner(connections, run, (connection, context) -> {
            var position = watermarks.position(connection.tenantId(), connection.id(),
                    EngagementWatermarkListener.STREAM);
            long from = position.map(Long::parseLong).orElse(0L);
            long recent = events.firstEventInsertedWithin(connection.tenantId(), properties.lateCommitWindow());
            context.putLong(EngagementWatermarkListener.FROM_EVENT_ID, recent > 0 ? Math.min(from, recent - 1) : from);
            context.putLong(EngagementWatermarkListener.TO_EVENT_ID, events.maxEventId(connection.tenantId()));
            context.putLong(EngagementWatermarkListener.NOT_BEFORE, position.isPresent() ? 0L
                    : run.asOf().minus(properties.initialLookback()).toEpochMilli());
        }, true).outboundOnly();
    }

    /** One worker step per CRM, told apart by their chunk size (see {@link EngagementSyncProperties#chunkSize}). */
    @Bean
    public Step engagementSyncConnectionStep(PartitionedSteps partitioned, EngagementSyncProperties properties,
                                             EmailHistoryReader engagementReader,
                                             EngagementActivityWriter engagementWriter, WatermarkStore watermarks,
                                             ActivityBacklogStore backlog, SyncAuditStore audit,
                                             ApiUsageListener engagementSyncApiUsageListener, CrmProviders crms) {
        Map<CrmKind, Step> steps = new HashMap<>();
        for (CrmDescription crm : crms.all()) {
            steps.put(crm.kind(), partitioned.<EmailHistory>connectionWorker("engagementSyncConnectionStep",
                    properties.chunkSize(crm), engagementReader, engagementWriter, engagementSyncApiUsageListener,
                    new BacklogExpiryListener(backlog, audit, properties.unlinkedMaxWait(), Clock.systemUTC()),
                    new EngagementWatermarkListener(watermarks)));
        }
        return new StepPerCrm("engagementSyncConnectionStep", steps);
    }

    @Bean
    @StepScope
    public EmailHistoryReader engagementReader(EmailHistoryStore histories, ActivityBacklogStore backlog,
                                               EngagementSyncProperties properties,
                                               @Value("#{stepExecution}") StepExecution step) {
        var context = step.getExecutionContext();
        return new EmailHistoryReader(histories, backlog, context.getString(ConnectionPartitioner.TENANT_ID),
                context.getLong(ConnectionPartitioner.CONNECTION_ID),
                context.getLong(EngagementWatermarkListener.FROM_EVENT_ID),
                context.getLong(EngagementWatermarkListener.TO_EVENT_ID),
                Instant.ofEpochMilli(context.getLong(EngagementWatermarkListener.NOT_BEFORE)), properties.pageSize());
    }

    @Bean
    @StepScope
    public EngagementActivityWriter engagementWriter(RecordLinkStore links, ActivityLinkStore activityLinks,
                                                     ActivityBacklogStore backlog, SyncErrorStore errors,
                                                     SyncAuditStore audit, SyncMetrics metrics,
                                                     ConnectionStore connections,
                                                     Connectors connectors, CrmProviders crms,
                                                     @Value("#{stepExecution}") StepExecution step) {
        long connectionId = step.getExecutionContext().getLong(ConnectionPartitioner.CONNECTION_ID);
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        return writer(new EngagementActivityWriter.Stores(links, activityLinks, backlog, errors, audit, metrics),
                connection,
                step, crms, connectors);
    }

    /** The activity writer of {@code connection}'s partition {@code step} (a run's, or a real-time push's). */
    static EngagementActivityWriter writer(EngagementActivityWriter.Stores stores, Connection connection,
                                           StepExecution step, CrmProviders crms, Connectors connectors) {
        return new EngagementActivityWriter(stores, new EngagementActivityWriter.Target(connection.id(),
                connection.tenantId(), crms.describe(connection.crm()).personObjects(), JOB_NAME,
                step.getJobExecutionId(), step.getStepName(),
                () -> step.getExecutionContext().getLong(EngagementWatermarkListener.SUSPECT_UP_TO, Long.MAX_VALUE),
                connection.crm().id()),
                composer(connection), connectors.open(connection));
    }

    /** The connection's activity settings: {@code activityLogging} (per-email | per-event), {@code followUpTasks}. */
    static ActivityComposer composer(Connection connection) {
        String logging = connection.settings().getOrDefault("activityLogging", "per-email");
        String followUps = connection.settings().getOrDefault("followUpTasks", "true");
        if (!followUps.equals("true") && !followUps.equals("false")) {
            throw new InvalidRequestException("connection " + connection.id() + ": followUpTasks must be true or "
                    + "false, not '" + followUps + "'");
        }
        try {
            return new ActivityComposer(ActivityComposer.Logging.fromSetting(logging), Boolean.parseBoolean(followUps));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("connection " + connection.id() + ": " + e.getMessage());
        }
    }
}
