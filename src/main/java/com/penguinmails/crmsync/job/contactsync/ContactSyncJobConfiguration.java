package com.penguinmails.crmsync.job.contactsync;

import com.penguinmails.crmsync.connector.support.Connectors;
import com.penguinmails.crmsync.core.Connection;
import com.penguinmails.crmsync.core.CrmConnector;
import com.penguinmails.crmsync.core.CrmDescription;
import com.penguinmails.crmsync.core.CrmKind;
import com.penguinmails.crmsync.core.CrmProviders;
import com.penguinmails.crmsync.core.CrmRecord;
import com.penguinmails.crmsync.core.Cursor;
import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.core.ObjectType;
import com.penguinmails.crmsync.core.SyncDirection;
import com.penguinmails.crmsync.core.SyncObjects;
import com.penguinmails.crmsync.job.contactpush.ConnectionTarget;
import com.penguinmails.crmsync.job.contactpush.ContactChangeReader;
import com.penguinmails.crmsync.job.contactpush.ContactStores;
import com.penguinmails.crmsync.job.contactpush.CreationRule;
import com.penguinmails.crmsync.job.contactpush.OutboundContactWriter;
import com.penguinmails.crmsync.job.contactpush.OutboundContactWriters;
import com.penguinmails.crmsync.job.contactpush.OutboundRange;
import com.penguinmails.crmsync.job.contactpush.OutboundWatermarkListener;
import com.penguinmails.crmsync.job.contactpush.RealtimeContactPush;
import com.penguinmails.crmsync.job.support.ApiUsageListener;
import com.penguinmails.crmsync.job.support.ConnectionPartitioner;
import com.penguinmails.crmsync.job.support.DueConnections;
import com.penguinmails.crmsync.job.support.DryRunReport;
import com.penguinmails.crmsync.job.support.LauncherRecorder;
import com.penguinmails.crmsync.job.support.MicroBatchRunner;
import com.penguinmails.crmsync.job.support.PartitionedSteps;
import com.penguinmails.crmsync.job.support.RunParameters;
import com.penguinmails.crmsync.job.support.StepPerCrm;
import com.penguinmails.crmsync.mapping.ConnectionFieldMaps;
import com.penguinmails.crmsync.store.ApiUsageStore;
import com.penguinmails.crmsync.store.CompanySyncStore;
import com.penguinmails.crmsync.store.ListMembershipStore;
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
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code contact-sync} job, in two partitioned steps over the active CRM connections: inbound (each connection's
 * company, then contact, and for Salesforce lead, changes since its watermarks into PenguinMails, a chunk per
 * transaction), then outbound (the tenant's changed PenguinMails contacts into the CRM in bulk, only the fields that
 * changed, in chunks sized per CRM so Salesforce's reach its Bulk API).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContactSyncProperties.class)
public class ContactSyncJobConfiguration {

    public static final String JOB_NAME = "contact-sync";

    /** One per job configuration: it remembers what it has recorded per connection across the job's steps. */
    @Bean
    public ApiUsageListener contactSyncApiUsageListener(Connectors connectors, ApiUsageStore usage,
            com.penguinmails.crmsync.metrics.SyncMetrics metrics) {
        return new ApiUsageListener(connectors, usage, metrics);
    }

    @Bean
    public Job contactSyncJob(JobRepository jobRepository, Step contactInboundPartitionStep,
                              Step contactOutboundPartitionStep, LauncherRecorder launcherRecorder) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(launcherRecorder)
                .start(contactInboundPartitionStep)
                .next(contactOutboundPartitionStep)
                .build();
    }

    @Bean
    public Step contactInboundPartitionStep(PartitionedSteps partitioned, ConnectionPartitioner contactSyncPartitioner,
                                            Step contactInboundConnectionStep) {
        return partitioned.manager("contactInboundStep", contactSyncPartitioner, contactInboundConnectionStep);
    }

    @Bean
    @JobScope
    public ConnectionPartitioner contactSyncPartitioner(ConnectionStore connections, DueConnections due,
                                                        @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        return new ConnectionPartitioner(connections, RunParameters.from(parameters), (connection, context) -> { },
                runs(parameters, "inbound")).onlyDue(due, JOB_NAME)
                .onlyWhere(connection -> SyncDirection.of(connection.settings()).inbound());
    }

    /** Whether a run goes in this direction: always, unless it is a backfill of the other direction only. */
    static boolean runs(JobParameters parameters, String direction) {
        String backfill = parameters.getString(RunParameters.BACKFILL, "");
        return backfill.isEmpty() || backfill.equals("both") || backfill.equals(direction);
    }

    static boolean backfill(JobParameters parameters) {
        return !parameters.getString(RunParameters.BACKFILL, "").isEmpty();
    }

    @Bean
    public Step contactInboundConnectionStep(PartitionedSteps partitioned, ContactSyncProperties properties,
                                             DeletionProbeReader contactInboundReader,
                                             InboundChangeWriter contactInboundWriter, WatermarkStore watermarks,
                                             ApiUsageListener contactSyncApiUsageListener) {
        return partitioned.<CrmRecord>connectionWorker("contactInboundConnectionStep", properties.chunkSize(),
                contactInboundReader, contactInboundWriter, contactSyncApiUsageListener,
                new InboundWatermarkListener(watermarks));
    }

    @Bean
    public Step contactOutboundPartitionStep(PartitionedSteps partitioned,
                                             ConnectionPartitioner contactOutboundPartitioner,
                                             Step contactOutboundConnectionStep) {
        return partitioned.manager("contactOutboundStep", contactOutboundPartitioner, contactOutboundConnectionStep);
    }

    /**
     * Fixes each connection's outbound range when the step starts (see {@link OutboundRange}): the change log from
     * its watermark up to the present horizon, and first its unlinked contacts when it creates contacts in its CRM
     * and has not read them all yet (its first outbound run, or the first since {@code createContactsInCrm} was
     * turned on: a run of a connection that does not create contacts forgets its scan, so the contacts made while it
     * was off are created when it is turned on again). A backfill reads the log from the start, or from the changes
     * marked since {@code --since}.
     */
    @Bean
    @JobScope
    public ConnectionPartitioner contactOutboundPartitioner(ConnectionStore connections, WatermarkStore watermarks,
                                                            ContactChangeStore changes, DueConnections due,
                                                            @Value("#{jobExecution.jobParameters}") JobParameters parameters) {
        RunParameters run = RunParameters.from(parameters);
        return new ConnectionPartitioner(connections, run, (connection, context) -> {
            java.time.Instant since = RunParameters.since(parameters);
            if (!createsInCrm(connection) && !run.dryRun()) {
                watermarks.forget(connection.tenantId(), connection.id(), OutboundWatermarkListener.CREATE_SCAN_STREAM);
            }
            ContactChangeStore.Horizon horizon = changes.horizon();
            long from = !backfill(parameters)
                    ? watermarks.numericPosition(connection.tenantId(), connection.id(), OutboundWatermarkListener.STREAM)
                    : since == null ? 0 : changes.positionSince(connection.tenantId(), since, horizon.limit());
            boolean scan = createsInCrm(connection) && (backfill(parameters) ? since == null
                    : watermarks.position(connection.tenantId(), connection.id(),
                            OutboundWatermarkListener.CREATE_SCAN_STREAM).isEmpty());
            new OutboundRange(from, horizon, scan).put(context);
        }, runs(parameters, "outbound")).onlyDue(due, JOB_NAME).outboundOnly();
    }

    /**
     * The outbound step's real-time entry point ({@code crm-sync serve}): a connection's changed contacts pushed as
     * this step pushes them, under this job's lock and watermark.
     */
    @Bean
    public RealtimeContactPush realtimeContactPush(ConnectionStore connections, WatermarkStore watermarks,
                                                   ContactChangeStore changes, OutboundContactWriters writers,
                                                   MicroBatchRunner microBatchRunner,
                                                   ApiUsageListener contactSyncApiUsageListener) {
        return new RealtimeContactPush(new RealtimeContactPush.Job(JOB_NAME, OutboundWatermarkListener.STREAM,
                ContactSyncJobConfiguration::createsInCrm), connections, watermarks, changes, writers,
                microBatchRunner, contactSyncApiUsageListener);
    }

    /** Whether the connection creates PenguinMails contacts its CRM does not hold ({@code createContactsInCrm}). */
    static boolean createsInCrm(Connection connection) {
        return CreationRule.of(connection).enabled();
    }

    @Bean
    public Step contactOutboundConnectionStep(PartitionedSteps partitioned, ContactSyncProperties properties,
                                              ContactChangeReader contactOutboundReader,
                                              OutboundContactWriter contactOutboundWriter, WatermarkStore watermarks,
                                              ApiUsageListener contactSyncApiUsageListener, CrmProviders crms) {
        java.util.Map<CrmKind, Step> steps = new java.util.HashMap<>();
        for (CrmDescription crm : crms.all()) {
            steps.put(crm.kind(), partitioned.<ContactChangeStore.Change>connectionWorker(
                    "contactOutboundConnectionStep", properties.outboundChunkSize(crm), contactOutboundReader,
                    contactOutboundWriter, contactSyncApiUsageListener, new OutboundWatermarkListener(watermarks)));
        }
        return new StepPerCrm("contactOutboundConnectionStep", steps);
    }

    @Bean
    @StepScope
    public ContactChangeReader contactOutboundReader(ContactChangeStore changes, ContactSyncProperties properties,
                                                     CrmProviders crms, @Value("#{stepExecution}") StepExecution step) {
        var context = step.getExecutionContext();
        return OutboundRange.of(context).reader(changes, context.getString(ConnectionPartitioner.TENANT_ID),
                context.getLong(ConnectionPartitioner.CONNECTION_ID),
                properties.outboundChunkSize(crms.describe(CrmKind.of(context.getString(ConnectionPartitioner.CRM)))));
    }

    @Bean
    @StepScope
    public OutboundContactWriter contactOutboundWriter(OutboundContactWriters writers, DryRunReport dryRunReport,
                                                       @Value("#{stepExecution}") StepExecution step) {
        return writers.forPartition(step, JOB_NAME, dryRun(step, dryRunReport), maps -> maps,
                ContactSyncJobConfiguration::createsInCrm);
    }

    /** The report a dry run's writers fill instead of writing; null on a real run. */
    static @org.jspecify.annotations.Nullable DryRunReport dryRun(StepExecution step, DryRunReport report) {
        return "true".equals(step.getJobParameters().getString(RunParameters.DRY_RUN, "false")) ? report : null;
    }

    /**
     * The CRM objects an inbound step reads, in order: companies first, so the people read after point at them; only
     * those the connection syncs ({@link SyncObjects}), and none when it syncs outbound only.
     */
    static List<ObjectType> inboundObjects(CrmDescription crm, Connection connection) {
        return SyncDirection.of(connection.settings()).inbound() ? SyncObjects.of(crm, connection.settings())
                : List.of();
    }


    @Bean
    @StepScope
    public DeletionProbeReader contactInboundReader(Connectors connectors, ConnectionStore connections,
                                                    WatermarkStore watermarks, RecordLinkStore links,
                                                    ContactSyncProperties properties, CrmProviders crms,
                                                    @Value("#{stepExecutionContext['connectionId']}") Long connectionId,
                                                    @Value("#{jobParameters['backfill'] ?: ''}") String backfill,
                                                    @Value("#{jobParameters['since'] ?: ''}") String since) {
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        Cursor backfillStart = since.isEmpty() ? Cursor.START : Cursor.since(java.time.Instant.parse(since));
        CrmConnector connector = connectors.open(connection);
        CrmChangeReader feed = new CrmChangeReader(connector, inboundObjects(crms.describe(connection.crm()), connection),
                type -> backfill.isEmpty() ? watermarks.position(connection.tenantId(), connection.id(),
                        InboundWatermarkListener.stream(type.name())).map(Cursor::new).orElse(Cursor.START)
                        : backfillStart,
                properties.pageSize());
        // companies are probed like people (Pipedrive organizations), each type with its own slice and watermark
        DeletionProbeReader companies = probe(feed, connector, links, connection, ObjectType.COMPANY, watermarks,
                properties);
        return probe(companies, connector, links, connection, ObjectType.CONTACT, watermarks, properties);
    }

    private static DeletionProbeReader probe(org.springframework.batch.infrastructure.item.ItemStreamReader<CrmRecord>
                                                     before, CrmConnector connector, RecordLinkStore links,
                                             Connection connection, ObjectType type, WatermarkStore watermarks,
                                             ContactSyncProperties properties) {
        return new DeletionProbeReader(before, connector, links, connection.id(), type,
                watermarks.position(connection.tenantId(), connection.id(),
                        InboundWatermarkListener.probeStream(type)).orElse(""),
                properties.deletionProbe().idsPerRun(), properties.deletionProbe().pageSize());
    }

    @Bean
    @StepScope
    public InboundChangeWriter contactInboundWriter(RecordLinkStore links, ContactSyncStore contacts,
                                                    SyncErrorStore errors, SyncAuditStore audit,
                                                    ContactChangeStore changes, ListMembershipStore lists,
                                                    CompanySyncStore companies, ConnectionStore connections,
                                                    ConnectionFieldMaps fieldMaps, DryRunReport dryRunReport,
                                                    CrmProviders crms, @Value("#{stepExecution}") StepExecution step) {
        var context = step.getExecutionContext();
        CrmDescription crm = crms.describe(CrmKind.of(context.getString(ConnectionPartitioner.CRM)));
        long connectionId = context.getLong(ConnectionPartitioner.CONNECTION_ID);
        Connection connection = connections.find(connectionId).orElseThrow(() ->
                new InvalidRequestException("connection " + connectionId + " no longer exists"));
        var stores = new ContactStores(links, contacts, errors, audit, changes);
        var more = new ListAndCompanyStores(lists, companies);
        var target = new ConnectionTarget(connectionId, context.getString(ConnectionPartitioner.TENANT_ID),
                crm, JOB_NAME, step.getJobExecutionId(), step.getStepName(), dryRun(step, dryRunReport));
        return InboundChangeWriter.of(stores, more, target, fieldMaps.forConnection(connection));
    }
}
