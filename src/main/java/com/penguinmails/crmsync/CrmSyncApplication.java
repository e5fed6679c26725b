package com.penguinmails.crmsync;

import com.penguinmails.crmsync.cli.CrmSyncCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CRM Sync application. {@link #main} hands the command line to the CLI, which starts this Spring context only
 * for commands that need the database (never for {@code --help} or a usage error).
 *
 * <p>Spring Cloud Task ({@link TaskRecordingConfiguration}) records the commands that run jobs, and only those.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmSyncApplication {

    public static void main(String[] args) {
        System.exit(CrmSyncCli.execute(args));
    }
}
