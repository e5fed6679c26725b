package com.penguinmails.crmsync.database;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The one transaction manager of the suite's data: chunks, stores and the job repository share it, so a chunk's
 * writes, links and reader state commit together. Primary, because Spring Cloud Task adds a second one of its own
 * ({@code springCloudTaskTransactionManager}) when a command records a task.
 */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
