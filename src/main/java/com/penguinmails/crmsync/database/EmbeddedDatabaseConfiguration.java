package com.penguinmails.crmsync.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured (nor {@code SPRING_DATASOURCE_URL}),
 * the suite runs on a local PostgreSQL 17 whose data directory persists under {@code crmsync.database.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    LocalPostgres localPostgres(DatabaseProperties properties) {
        return LocalPostgres.startOrAttach(properties.dataDir());
    }

    /** The pool depends on the server, so Spring closes the pool before it stops the server. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LocalPostgres server) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl());
        dataSource.setUsername(server.username());
        dataSource.setPoolName("crm-sync-embedded");
        return dataSource;
    }
}
