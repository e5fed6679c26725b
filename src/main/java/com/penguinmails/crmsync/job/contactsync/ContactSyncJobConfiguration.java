package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.credentials.ConnectionRegistry;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.job.support.RunProgress;
import com.penguinmails.crmsync.mapping.FieldMapLoader;
import com.penguinmails.crmsync.store.ConnectionStore;
import com.penguinmails.crmsync.store.ContactChangeStore;
import com.penguinmails.crmsync.store.ContactSyncStore;
import com.penguinmails.crmsync.store.RecordLinkStore;
import com.penguinmails.crmsync.store.SyncAuditStore;
import com.penguinmails.crmsync.store.SyncErrorStore;
import com.penguinmails.crmsync.store.WatermarkStore;
import java.util.List;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code contact-sync} job: one partition per active CRM connection; each reads the connection's contact (and,
 * for Salesforce, lead) changes since its watermarks and writes them into PenguinMails a chunk per transaction. The
 * outbound step (PenguinMails changes into the CRM) follows in a later release.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactSyncProperties.class)
public class ContactSyncJobConfiguration {

    public static final String JOB_NAME = "contact-sync";

    @Bean
    public Job contactSyncJob(JobRepository jobRepository, Step contactInboundPartitionStep,
                              LauncherRecorder launcherRecorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(launcherRecorder)
                .start(contactInboundPartitionStep)
                .build();
    }

    @Bean
    public Step contactInboundPartitionStep(JobRepository jobRepository, ConnectionPartitioner contactSyncPartitioner,
                                            TaskExecutorPartitionHandler contactInboundPartitionHandler) {
        return new StepBuilder("contactInboundStep", jobRepository)
                .partitioner("contactInboundConnectionStep", contactSyncPartitioner)
                .partitionHandler(contactInboundPartitionHandler)
                .build();
    }

    @Bean
    public TaskExecutorPartitionHandler contactInboundPartitionHandler(Step contactInboundConnectionStep,
                                                                       TaskExecutor partitionTaskExecutor) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(contactInboundConnectionStep);
        handler.setTaskExecutor(partitionTaskExecutor);
        return handler;
    }

    @Bean
    @JobScope
    public ConnectionPartitioner contactSyncPartitioner(ConnectionStore connections,
                                                        @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        return new ConnectionPartitioner(connections, RunParameters.from(parameters));
    }

    @Bean
    public Step contactInboundConnectionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                             ContactSyncProperties properties, CrmChangeReader contactInboundReader,
                                             InboundContactWriter contactInboundWriter, WatermarkStore watermarks,
                                             ConnectionRegistry connections, RunProgress runProgress) {
        return new StepBuilder("contactInboundConnectionStep", jobRepository)
                .<CrmRecord, CrmRecord>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(contactInboundReader)
                .writer(contactInboundWriter)
                .listener(new InboundWatermarkListener(watermarks, connections))
                .listener(runProgress)
                .build();
    }

    /** The CRM objects whose people land in PenguinMails contacts. */
    static List<ObjectType> personObjects(CrmKind crm) {
        return crm == CrmKind.SALESFORCE ? List.of(ObjectType.CONTACT, ObjectType.LEAD) : List.of(ObjectType.CONTACT);
    }

    @Bean
    @StepScope
    public CrmChangeReader contactInboundReader(Connectors connectors, ConnectionStore connections,
                                                WatermarkStore watermarks, ContactSyncProperties properties,
                                                @Value("#{stepExecutionContext['connectionId']}") Long connectionId) {
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        return new CrmChangeReader(connectors.open(connection), personObjects(connection.crm()),
                type -> watermarks.position(connection.tenantId(), connection.id(),
                        InboundWatermarkListener.stream(type.name())).map(Cursor::new).orElse(Cursor.START),
                properties.pageSize());
    }

    @Bean
    @StepScope
    public InboundContactWriter contactInboundWriter(RecordLinkStore links, ContactSyncStore contacts,
                                                     SyncErrorStore errors, SyncAuditStore audit,
                                                     ContactChangeStore changes,
                                                     @Value("#{stepExecution}") StepExecution step) {
        var context = step.getExecutionContext();
        CrmKind crm = CrmKind.fromId(context.getString(ConnectionPartitioner.CRM));
        return new InboundContactWriter(new InboundContactWriter.Stores(links, contacts, errors, audit, changes),
                new InboundContactWriter.Target(context.getLong(ConnectionPartitioner.CONNECTION_ID),
                        context.getString(ConnectionPartitioner.TENANT_ID), crm, JOB_NAME, step.getJobExecutionId(),
                        step.getStepName()),
                FieldMapLoader.defaults(crm));
    }
}
