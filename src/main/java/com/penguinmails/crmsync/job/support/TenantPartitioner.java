package com.penguinmails.crmsync.job.support;

import com.penguinmails.crmsync.core.Tenant;
import com.penguinmails.crmsync.store.TenantStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per active tenant of the run's shard (or of its {@code --tenant} list). Each partition's context holds
 * {@value #TENANT_ID} plus whatever the job's {@code boundaries} callback fixes when the run starts (e.g. the event id
 * range to read): a restart reuses these contexts, so it covers exactly what the failed run would have.
 */
public class TenantPartitioner implements Partitioner {

    public static final String TENANT_ID = "tenantId";

    private final TenantStore tenants;
    private final RunParameters run;
    private final BiConsumer<Tenant, ExecutionContext> boundaries;

    /** The partitioner of a run's selection only (no boundaries): what {@link #selected()} answers. */
    public TenantPartitioner(TenantStore tenants, RunParameters run) {
        this(tenants, run, (tenant, context) -> { });
    }

    public TenantPartitioner(TenantStore tenants, RunParameters run, BiConsumer<Tenant, ExecutionContext> boundaries) {
        this.tenants = tenants;
        this.run = run;
        this.boundaries = boundaries;
    }

    /** The partition (and step execution) name suffix of a tenant. */
    public static String partitionName(String tenantId) {
        return "tenant-" + tenantId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (Tenant tenant : selected()) {
            ExecutionContext context = new ExecutionContext();
            context.putString(TENANT_ID, tenant.id());
            boundaries.accept(tenant, context);
            partitions.put(partitionName(tenant.id()), context);
        }
        return partitions;
    }

    /** The tenants the run covers: its {@code --tenant} list, else the active ones, in its shard. */
    public java.util.List<Tenant> selected() {
        return tenants.findAll().stream()
                .filter(tenant -> run.tenants().isEmpty() ? tenant.active() : run.tenants().contains(tenant.id()))
                .filter(tenant -> run.shard().contains(tenant.id()))
                .toList();
    }
}
