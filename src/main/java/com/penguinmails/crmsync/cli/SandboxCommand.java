package com.penguinmails.crmsync.cli;

import com.penguinmails.crmsync.core.InvalidRequestException;
import com.penguinmails.crmsync.sandbox.CrmSandboxes;
import com.penguinmails.crmsync.sandbox.hubspot.HubSpotSandbox;
import com.penguinmails.crmsync.sandbox.support.FaultPlan;
import com.penguinmails.crmsync.sandbox.support.SandboxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/** {@code sandbox}: local Salesforce, HubSpot and Pipedrive servers, until interrupted. No database needed. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serves faithful local Salesforce, HubSpot and Pipedrive APIs on loopback until interrupted",
                "(Ctrl-C), seeded deterministically, and prints one JSON object with their URLs and credentials.",
                "Control endpoints on each: GET /_sandbox/stats, POST /_sandbox/reset, /_sandbox/faults, /_sandbox/clock,",
                "/_sandbox/quota ({\"spend\": N} takes N units of today's API quota, as other integrations would)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:served until interrupted", "2:bad usage, or a port is taken"})
class SandboxCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port-base", paramLabel = "P", defaultValue = "0",
            description = "Salesforce on P, HubSpot on P+1, Pipedrive on P+2; 0 picks free ports. Default: 0.")
    private int portBase;

    @Option(names = "--seed-contacts", paramLabel = "N", defaultValue = "200",
            description = "Contacts seeded in each CRM (with companies, deals ...). Default: ${DEFAULT-VALUE}.")
    private int seedContacts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--latency-ms", paramLabel = "L", defaultValue = "0",
            description = "Added to every API request. Default: ${DEFAULT-VALUE}.")
    private long latencyMs;

    @Option(names = "--fault-rate", paramLabel = "F", defaultValue = "0",
            description = "Share of API requests that meet a fault (5xx, 429, dropped connection), 0..1. Default: 0.")
    private double faultRate;

    @Option(names = "--plan", paramLabel = "PLAN", defaultValue = "pro",
            description = "Vendor plan whose limits apply: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private SandboxOptions.Plan plan;

    @Option(names = "--token-ttl-s", paramLabel = "T", defaultValue = "7200",
            description = "Lifetime of issued OAuth access tokens, seconds. Default: ${DEFAULT-VALUE}.")
    private long tokenTtlSeconds;

    @Option(names = "--info-file", paramLabel = "PATH", description = "Also write the JSON object to this file.")
    private @Nullable Path infoFile;

    @Option(names = "--hubspot-webhook-url", paramLabel = "URL",
            description = {"HubSpot posts its app's webhooks (signed v3 with hubspot.webhooks.clientSecret) for",
                    "contact and company changes made through its API to this http(s) URL. Default: none."})
    private @Nullable String hubspotWebhookUrl;

    @Override
    public Integer call() throws Exception {
        SandboxOptions options = options();
        URI webhookUrl = hubspotWebhookUrl();
        PrintWriter out = spec.commandLine().getOut();
        CrmSandboxes sandboxes;
        try {
            sandboxes = CrmSandboxes.start(options);
        } catch (IllegalStateException e) {
            throw new InvalidRequestException(e.getMessage() + (portBase == 0 ? "" : "; try another --port-base"));
        }
        if (webhookUrl != null) {
            sandboxes.sandbox(HubSpotSandbox.class).deliverWebhooksTo(webhookUrl);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandboxes.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        String json = JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(sandboxes.info());
        if (infoFile != null) {
            write(infoFile, json);
        }
        out.println(json);
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    SandboxOptions options() {
        if (portBase < 0 || portBase > 65_533) {
            throw new InvalidRequestException("--port-base must be between 0 and 65533, was " + portBase);
        }
        if (seedContacts < 0) {
            throw new InvalidRequestException("--seed-contacts cannot be negative, was " + seedContacts);
        }
        if (latencyMs < 0) {
            throw new InvalidRequestException("--latency-ms cannot be negative, was " + latencyMs);
        }
        if (faultRate < 0 || faultRate > 1) {
            throw new InvalidRequestException("--fault-rate must be between 0 and 1, was " + faultRate);
        }
        if (tokenTtlSeconds < 1) {
            throw new InvalidRequestException("--token-ttl-s must be at least 1, was " + tokenTtlSeconds);
        }
        return new SandboxOptions(portBase, seedContacts, seed, FaultPlan.of(Duration.ofMillis(latencyMs), faultRate),
                plan, Duration.ofSeconds(tokenTtlSeconds));
    }

    @Nullable URI hubspotWebhookUrl() {
        if (hubspotWebhookUrl == null) {
            return null;
        }
        try {
            URI url = new URI(hubspotWebhookUrl);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new InvalidRequestException("--hubspot-webhook-url must be an absolute http(s) URL, was "
                + hubspotWebhookUrl);
    }

    private static void write(Path file, String json) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // written beside it, then moved in one step: a script waiting for the file never reads half of it
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, json + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot write --info-file " + file + ": " + e.getMessage());
        }
    }
}
