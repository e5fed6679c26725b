package com.penguinmails.crmsync.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

    private static final List<String> TENANTS = IntStream.range(0, 1000).mapToObj(i -> "tenant-" + i).toList();

    @Test
    void everyTenantFallsInExactlyOneShardForOneToEightShards() {
        for (int count = 1; count <= 8; count++) {
            for (String tenant : TENANTS) {
                // given
                int finalCount = count;
                // when
                long owners = IntStream.range(0, count).filter(i -> new Shard(i, finalCount).contains(tenant)).count();
                // then
                assertThat(owners).as("shards of %s among %d", tenant, count).isEqualTo(1);
            }
        }
    }

    @Test
    void tenantsSpreadOverEveryShard() {
        for (int count = 2; count <= 8; count++) {
            int finalCount = count;
            long[] sizes = new long[count];
            TENANTS.forEach(t -> sizes[Shard.shardOf(t, finalCount)]++);
            assertThat(java.util.Arrays.stream(sizes).min().orElseThrow()).isGreaterThan(1000L / count / 2);
        }
    }

    @Test
    void shardOfATenantIsStableAcrossJvmsAndReleases() {
        // CRC-32C of the UTF-8 id: fixed values, so pods of different builds agree
        assertThat(Shard.shardOf("globex", 2)).isEqualTo(0);
        assertThat(Shard.shardOf("acme-robotics", 2)).isEqualTo(1);
    }

    @Test
    void parsesIndexOfCount() {
        assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
        assertThat(Shard.parse(" 0/1 ")).isEqualTo(Shard.ALL);
        assertThat(Shard.parse("2/4").toString()).isEqualTo("2/4");
    }

    @Test
    void rejectsMalformedShardsNamingTheText() {
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageContaining("'3/2'").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("'1/0'").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Shard.parse("x")).hasMessageContaining("'x'").hasMessageContaining("I/N");
        assertThatThrownBy(() -> Shard.parse("-1/2")).hasMessageContaining("'-1/2'");
    }
}
