package com.penguinmails.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The kustomize base in {@code k8s-cronjobs/}, read as plain YAML: what is listed exists, every scheduled job runs
 * one pod per shard and never overlaps or retries, every container is bounded, unprivileged and gets its secrets from
 * Secrets only, and every container's command line is one the {@code crm-sync} CLI accepts.
 *
 * <p>The command lines are parsed with the real CLI ({@code CrmSyncCommand}); what it accepts as a string and refuses
 * only when it runs ({@code run}'s job name, {@code --shard}, {@code --as-of}) is checked again outside the grammar
 * ({@link #parseWithTheCli}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the manifests are read and the CLI model built once
class K8sManifestsTest {

    /** The jobs {@code crm-sync run} knows: each has a CronJob named {@code crm-sync-<job>}. */
    private static final List<String> JOBS = List.of("lead-score", "contact-sync", "engagement-sync");

    /** Manifests that operators edit and create by hand: deliberately not resources of the kustomization. */
    private static final Set<String> OPERATOR_TEMPLATES = Set.of("backfill-job.yaml", "restart-job.yaml",
            "serve-ingress.example.yaml");

    private static final String IMAGE = "penguinmails/crm-sync";
    private static final List<String> ENTRYPOINT = List.of("java", "-jar", "/app/crm-sync.jar");
    private static final String CONFIG_MAP = "crm-sync-config";
    private static final String JOBS_CONFIG_MAP = "crm-sync-jobs";
    private static final String DATABASE_SECRET = "crm-sync-database";
    private static final String KEYSET_SECRET = "crm-sync-keyset";
    private static final String SHARD_COUNT = "CRMSYNC_SHARD_COUNT";
    private static final String KEYSET_FILE = "CRMSYNC_CREDENTIALS_KEYSET_FILE";

    /** Environment names that hold a secret: their value must come from a Secret. */
    private static final Pattern SECRET_LIKE =
            Pattern.compile("PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY", Pattern.CASE_INSENSITIVE);

    private static final Path BASE = Path.of(System.getProperty("user.dir"), "k8s-cronjobs");

    private final Node kustomization = loadKustomization();
    private final List<Manifest> manifests = loadManifests();
    /** Built once: picocli resets every option to its initial value before each parse. */
    private final CommandLine cli = acceptedCommandLine();

    // ---------------------------------------------------------------------------------------------- the kustomization

    @Test
    void kustomizationListsOnlyFilesThatExistInTheBase() {
        List<String> resources = kustomization.get("resources").strings();

        assertThat(resources).isNotEmpty().doesNotHaveDuplicates();
        assertThat(resources).allSatisfy(resource -> {
            Path file = BASE.resolve(resource).normalize();
            assertThat(file).as("resource %s", resource).isRegularFile();
            assertThat(file.startsWith(BASE)).as("resource %s lies inside the base", resource).isTrue();
        });
    }

    @Test
    void everyManifestIsAResourceOfTheKustomizationOrAnOperatorTemplate() {
        Set<String> resources = Set.copyOf(kustomization.get("resources").strings());

        assertThat(manifestFiles()).allSatisfy(file -> assertThat(
                resources.contains(file) || OPERATOR_TEMPLATES.contains(file))
                .as("%s is listed in kustomization.yaml resources or is an operator template", file).isTrue());
        assertThat(resources).as("operator templates are not applied on every deploy")
                .doesNotContainAnyElementsOf(OPERATOR_TEMPLATES);
        assertThat(manifestFiles()).containsAll(OPERATOR_TEMPLATES);
    }

    @Test
    void theBaseIsNamespaceAgnosticAndLabelsEverythingItMakesAsCrmSync() {
        assertThat(kustomization.get("namespace").exists()).as("kustomization namespace").isFalse();
        assertThat(manifests).allSatisfy(m -> assertThat(m.doc().get("metadata").get("namespace").exists())
                .as("%s sets no namespace", m).isFalse());

        assertThat(kustomizationLabels()).containsEntry("app.kubernetes.io/name", "crm-sync");
        assertThat(templates()).allSatisfy(w -> {
            assertThat(w.manifest().doc().get("metadata").get("labels").get("app.kubernetes.io/name").text())
                    .as("%s labels itself (kustomize does not see it)", w).isEqualTo("crm-sync");
            assertThat(w.jobSpec().get("template").get("metadata").get("labels").get("app.kubernetes.io/name").text())
                    .as("%s labels its pods", w).isEqualTo("crm-sync");
        });
    }

    @Test
    void overlaysChooseTheImageTagThroughTheImagesEntry() {
        assertThat(kustomization.get("images").items())
                .anySatisfy(image -> assertThat(image.get("name").text()).isEqualTo(IMAGE));

        assertThat(scheduled()).flatExtracting(Workload::containers).allSatisfy(c -> assertThat(c.get("image").text())
                .as("%s: untagged, so the images entry sets the tag", c.where()).isEqualTo(IMAGE));
        assertThat(templates()).flatExtracting(Workload::containers).allSatisfy(c -> assertThat(c.get("image").text())
                .as("%s: the same image, tagged by the operator", c.where()).startsWith(IMAGE + ":"));
    }

    // ---------------------------------------------------------------------------------------------------- the CronJobs

    @Test
    void thereIsOneCronJobPerJobAndItRunsThatJob() {
        assertThat(scheduled()).extracting(Workload::name)
                .containsExactlyInAnyOrderElementsOf(JOBS.stream().map(job -> "crm-sync-" + job).toList());

        for (Workload cronJob : scheduled()) {
            String job = cronJob.name().substring("crm-sync-".length());
            assertThat(cronJob.containers()).singleElement()
                    .satisfies(c -> assertThat(cliArguments(c)).as("%s", c.where()).startsWith("run", job));
        }
    }

    @Test
    void contactSyncFiresAtTheShortestSyncFrequencyAndSyncsOnlyTheConnectionsDue() {
        Workload contactSync = scheduled().stream().filter(w -> w.name().equals("crm-sync-contact-sync"))
                .findFirst().orElseThrow();
        assertThat(contactSync.manifest().doc().get("spec").get("schedule").text()).isEqualTo("7-59/15 * * * *");
        assertThat(contactSync.containers()).singleElement()
                .satisfies(c -> assertThat(cliArguments(c)).containsExactly("run", "contact-sync", "--due"));
    }

    @Test
    void everyCronJobForbidsOverlapAndNeverRetriesAFailedPod() {
        assertThat(scheduled()).isNotEmpty().allSatisfy(w -> {
            Node spec = w.manifest().doc().get("spec");
            assertThat(spec.get("concurrencyPolicy").text()).as("%s concurrencyPolicy", w).isEqualTo("Forbid");
            assertThat(w.podSpec().get("restartPolicy").text()).as("%s restartPolicy", w).isEqualTo("Never");
            // each shard fails alone, never retried; the Job turns Failed once every shard has ended
            assertThat(w.jobSpec().get("backoffLimitPerIndex").integer()).as("%s backoffLimitPerIndex", w).isZero();
            // an explicit (small) backoffLimit would make the first failed shard delete the others' running pods
            assertThat(w.jobSpec().get("backoffLimit").exists()).as("%s sets no global backoffLimit", w).isFalse();
        });
    }

    @Test
    void aHandMadeJobIsNeverRetriedEither() {
        assertThat(templates()).isNotEmpty().allSatisfy(w -> {
            assertThat(w.podSpec().get("restartPolicy").text()).as("%s restartPolicy", w).isEqualTo("Never");
            assertThat(w.jobSpec().get("backoffLimit").integer()).as("%s backoffLimit", w).isZero();
        });
    }

    @Test
    void everyCronJobHasAValidFiveFieldScheduleAndGivesUpOnLateStarts() {
        assertThat(scheduled()).isNotEmpty().allSatisfy(w -> {
            Node spec = w.manifest().doc().get("spec");
            assertThat(spec.get("schedule").text()).as("%s schedule", w).matches(K8sManifestsTest::isValidSchedule);
            if (spec.get("timeZone").exists()) {
                assertThatCode(() -> ZoneId.of(spec.get("timeZone").text())).as("%s timeZone", w)
                        .doesNotThrowAnyException();
            }
            assertThat(spec.get("startingDeadlineSeconds").integer()).as("%s startingDeadlineSeconds", w).isPositive();
            assertThat(spec.get("successfulJobsHistoryLimit").integer()).as("%s successful history", w).isPositive();
            assertThat(spec.get("failedJobsHistoryLimit").integer()).as("%s failed history", w).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * *", "0 * * * * *", "60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 * 13 *",
            "0 0 * * 8", "*/0 * * * *", "5-1 * * * *", "@hourly", "0,,5 * * * *", "x * * * *"})
    void theScheduleCheckRejectsMalformedSchedules(String schedule) {
        assertThat(isValidSchedule(schedule)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"37 * * * *", "*/5 * * * *", "0,30 9-17 * * MON-FRI", "0 3 1 */2 *", "15 2 * JAN sun"})
    void theScheduleCheckAcceptsWellFormedSchedules(String schedule) {
        assertThat(isValidSchedule(schedule)).isTrue();
    }

    @Test
    void everyCronJobRunsOneIndexedPodPerShard() {
        assertThat(scheduled()).isNotEmpty().allSatisfy(w -> {
            Node jobSpec = w.jobSpec();
            assertThat(jobSpec.get("completionMode").text()).as("%s completionMode", w).isEqualTo("Indexed");
            int completions = jobSpec.get("completions").integer();
            assertThat(jobSpec.get("parallelism").integer()).as("%s parallelism", w).isEqualTo(completions);
            assertThat(w.containers()).allSatisfy(c -> {
                assertThat(shardCount(c)).as("%s: %s equals completions", c.where(), SHARD_COUNT)
                        .isEqualTo(completions);
                assertThat(cliArguments(c)).as("%s: the shard comes from JOB_COMPLETION_INDEX", c.where())
                        .noneMatch(arg -> arg.startsWith("--shard"));
            });
        });
    }

    @Test
    void everyJobIsBoundedInTimeAndCleanedUpAfterwards() {
        assertThat(workloads()).filteredOn(w -> !w.manifest().kind().equals("Deployment")).isNotEmpty().allSatisfy(w -> {
            assertThat(w.jobSpec().get("activeDeadlineSeconds").integer()).as("%s activeDeadlineSeconds", w)
                    .isPositive();
            assertThat(w.jobSpec().get("ttlSecondsAfterFinished").integer()).as("%s ttlSecondsAfterFinished", w)
                    .isPositive();
        });
    }

    // -------------------------------------------------------------------------------------------------- the containers

    @Test
    void everyContainerRequestsAndLimitsCpuAndMemory() {
        assertThat(containers()).isNotEmpty().allSatisfy(c -> {
            Node resources = c.get("resources");
            for (String resource : List.of("cpu", "memory")) {
                BigDecimal request = quantity(resources.get("requests").get(resource).text());
                BigDecimal limit = quantity(resources.get("limits").get(resource).text());
                assertThat(request).as("%s %s request", c.where(), resource).isPositive();
                assertThat(limit).as("%s %s limit", c.where(), resource).isGreaterThanOrEqualTo(request);
            }
        });
    }

    @Test
    void everyContainerRunsUnprivilegedOnAReadOnlyRootFilesystemWithAWritableTmp() {
        assertThat(workloads()).isNotEmpty().allSatisfy(w -> {
            assertThat(w.podSpec().get("automountServiceAccountToken").bool()).as("%s API token", w).isFalse();
            for (Node c : w.containers()) {
                Node security = c.get("securityContext");
                boolean nonRoot = security.get("runAsNonRoot").exists()
                        ? security.get("runAsNonRoot").bool()
                        : w.podSpec().get("securityContext").get("runAsNonRoot").bool();
                assertThat(nonRoot).as("%s runAsNonRoot", c.where()).isTrue();
                assertThat(security.get("readOnlyRootFilesystem").bool()).as("%s read-only root", c.where()).isTrue();
                assertThat(security.get("allowPrivilegeEscalation").bool()).as("%s escalation", c.where()).isFalse();
                assertThat(security.get("capabilities").get("drop").strings()).as("%s capabilities", c.where())
                        .contains("ALL");
                assertThat(w.volume(mountNamed(c, "/tmp")).get("emptyDir").exists()).as("%s /tmp", c.where())
                        .isTrue();
            }
        });
    }

    @Test
    void secretValuesAreOnlyReferencedNeverWrittenDown() {
        assertThat(manifests).noneMatch(m -> m.kind().equals("Secret"));
        assertThat(configMaps()).allSatisfy(cm -> assertThat(cm.get("data").keys())
                .as("%s holds no secret", cm.where()).noneMatch(key -> SECRET_LIKE.matcher(key).find()));
        assertThat(containers()).isNotEmpty().allSatisfy(c -> assertThat(c.get("env").items())
                .filteredOn(env -> SECRET_LIKE.matcher(env.get("name").text()).find())
                .allSatisfy(env -> {
                    assertThat(env.get("value").exists()).as("%s has no literal value", env.where()).isFalse();
                    assertThat(env.get("valueFrom").get("secretKeyRef").exists()).as("%s from a Secret", env.where())
                            .isTrue();
                }));
    }

    @Test
    void everyContainerGetsTheDatabaseAndTheCredentialKeysetFromTheirSecrets() {
        assertThat(workloads()).isNotEmpty().allSatisfy(w -> {
            for (Node c : w.containers()) {
                // not optional: without a URL the application would start an embedded PostgreSQL in the pod
                assertThat(secretKeyRef(c, "SPRING_DATASOURCE_URL")).isEqualTo(DATABASE_SECRET + "/url");
                assertThat(secretKeyRef(c, "SPRING_DATASOURCE_USERNAME")).isEqualTo(DATABASE_SECRET + "/username");
                assertThat(secretKeyRef(c, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(DATABASE_SECRET + "/password");
                assertThat(c.get("envFrom").items()).as("%s envFrom", c.where()).anySatisfy(
                        from -> assertThat(from.get("configMapRef").get("name").text()).isEqualTo(CONFIG_MAP));

                String keysetFile = env(c, KEYSET_FILE).get("value").text();
                Node mount = c.get("volumeMounts").items().stream()
                        .filter(m -> keysetFile.startsWith(m.get("mountPath").text() + "/"))
                        .findFirst().orElseThrow(() -> new AssertionError(c.where() + ": nothing mounted at "
                                + keysetFile));
                Node secret = w.volume(mount.get("name").text()).get("secret");
                assertThat(secret.get("secretName").text()).as("%s keyset volume", c.where()).isEqualTo(KEYSET_SECRET);
                assertThat(secret.get("optional").exists() && secret.get("optional").bool())
                        .as("%s keyset required", c.where()).isFalse();
                String fileInMount = keysetFile.substring(mount.get("mountPath").text().length() + 1);
                assertThat(secret.get("items").items()).as("%s keyset item", c.where()).anySatisfy(item -> {
                    assertThat(item.get("key").text()).isEqualTo("keyset.json");
                    assertThat(item.get("path").text()).isEqualTo(fileInMount);
                });
            }
        });
    }

    @Test
    void operatorDefaultsComeFromTheOptionalJobsConfigMapUnderTheWorkingDirectory() {
        assertThat(workloads()).isNotEmpty().allSatisfy(w -> {
            for (Node c : w.containers()) {
                assertThat(c.get("workingDir").text()).as("%s workingDir", c.where()).isEqualTo("/app");
                Node configMap = w.volume(mountNamed(c, "/app/jobs")).get("configMap");
                assertThat(configMap.get("name").text()).as("%s /app/jobs", c.where()).isEqualTo(JOBS_CONFIG_MAP);
                assertThat(configMap.get("optional").bool()).as("%s overlays provide it", c.where()).isTrue();
            }
        });
    }

    @Test
    void theSharedConfigMapSizesTheHeapFromTheMemoryLimitAndCountsTheShards() {
        Node config = configMaps().stream().filter(cm -> cm.get("metadata").get("name").text().equals(CONFIG_MAP))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + CONFIG_MAP));

        assertThat(config.get("data").get("JAVA_TOOL_OPTIONS").text()).contains("-XX:MaxRAMPercentage=75");
        assertThat(Integer.parseInt(config.get("data").get(SHARD_COUNT).text())).isPositive();
    }

    // ------------------------------------------------------------------------------- metrics, alerts, dashboard

    private static final Path OBSERVABILITY = BASE.resolve("observability");
    /** A series name in PromQL: a word followed by a selector, a range, a closing bracket, a comparison... */
    private static final Pattern SERIES = Pattern.compile("\\b((?:crmsync|kube)_[a-z0-9_]+)\\b");
    /** kube-state-metrics series the alerts may use. */
    private static final Set<String> KUBE_STATE_METRICS = Set.of("kube_cronjob_status_last_successful_time",
            "kube_cronjob_status_last_schedule_time", "kube_cronjob_spec_suspend");

    @Test
    void theSharedConfigMapOffersThePushgatewayAndTheLogFormatEmptyOrTextByDefault() {
        Node config = configMaps().stream().filter(cm -> cm.get("metadata").get("name").text().equals(CONFIG_MAP))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + CONFIG_MAP));

        assertThat(config.get("data").get("CRMSYNC_METRICS_PUSHGATEWAY_URL").text()).isEmpty();
        assertThat(config.get("data").get("CRMSYNC_LOG_FORMAT").text()).isEqualTo("text");
    }

    @Test
    void theObservabilityOverlayBuildsOnTheBaseAndItsFilesExist() {
        Node overlay = parse(OBSERVABILITY.resolve("kustomization.yaml")).get(0);

        assertThat(overlay.get("resources").strings()).contains("..", "prometheus-rule.yaml", "pod-monitor.yaml");
        assertThat(overlay.get("resources").strings()).filteredOn(r -> !r.equals(".."))
                .allSatisfy(r -> assertThat(OBSERVABILITY.resolve(r)).isRegularFile());
        assertThat(overlay.get("configMapGenerator").items()).singleElement().satisfies(generator ->
                assertThat(generator.get("files").strings()).containsExactly("dashboard.json"));
        Node patch = parse(OBSERVABILITY.resolve("configmap-patch.yaml")).get(0);
        assertThat(patch.get("metadata").get("name").text()).isEqualTo(CONFIG_MAP);
        assertThat(patch.get("data").get("CRMSYNC_METRICS_PUSHGATEWAY_URL").text()).startsWith("http://");
    }

    @Test
    void theAlertsCoverFailingConnectionsAuthQuotaLagAndMissedSchedules() {
        Map<String, String> alerts = alerts();

        assertThat(alerts.values()).anySatisfy(e -> assertThat(e).contains("crmsync_connection_failed_runs"))
                .anySatisfy(e -> assertThat(e).contains("auth_failed"))
                .anySatisfy(e -> assertThat(e).contains("crmsync_api_quota_remaining").contains("0.9"))
                .anySatisfy(e -> assertThat(e).contains("crmsync_connection_lag_seconds").contains("600"))
                .anySatisfy(e -> assertThat(e).contains("kube_cronjob_status_last_successful_time"));
    }

    @Test
    void everyAlertAndPanelQueriesOnlySeriesTheAppOrKubeStateMetricsExports() throws IOException {
        List<String> expressions = new ArrayList<>(alerts().values());
        var dashboard = tools.jackson.databind.json.JsonMapper.shared()
                .readTree(Files.readString(OBSERVABILITY.resolve("dashboard.json")));
        dashboard.get("panels").forEach(panel -> panel.get("targets")
                .forEach(target -> expressions.add(target.get("expr").asString())));

        assertThat(expressions).hasSizeGreaterThan(10).allSatisfy(expression -> {
            List<String> series = series(expression);
            assertThat(series).as(expression).isNotEmpty().allSatisfy(name -> assertThat(
                    com.penguinmails.crmsync.metrics.MeterNames.PROMETHEUS_SERIES.contains(name)
                            || KUBE_STATE_METRICS.contains(name)).as("%s in %s is exported", name, expression)
                    .isTrue());
        });
    }

    @Test
    void theSeriesCheckFindsEveryNameOfAnExpression() {
        assertThat(series("max by (c) (crmsync_a_total{x=\"y\"}) / kube_b > 0.9 and crmsync_c"))
                .containsExactly("crmsync_a_total", "kube_b", "crmsync_c");
    }

    /** The PrometheusRule's alerts: name, expression. */
    private static Map<String, String> alerts() {
        Node rule = parse(OBSERVABILITY.resolve("prometheus-rule.yaml")).get(0);
        assertThat(rule.get("kind").text()).isEqualTo("PrometheusRule");
        assertThat(rule.get("apiVersion").text()).isEqualTo("monitoring.coreos.com/v1");
        Map<String, String> alerts = new HashMap<>();
        for (Node group : rule.get("spec").get("groups").items()) {
            for (Node r : group.get("rules").items()) {
                alerts.put(r.get("alert").text(), r.get("expr").text());
            }
        }
        return alerts;
    }

    private static List<String> series(String expression) {
        List<String> names = new ArrayList<>();
        Matcher matcher = SERIES.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------- crm-sync serve

    @Test
    void theServiceRunsTwoProbedReplicasThatStopGracefully() {
        Workload serve = workloads().stream().filter(w -> w.manifest().kind().equals("Deployment")).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment of crm-sync serve"));
        Node container = serve.containers().get(0);

        assertThat(serve.jobSpec().get("replicas").integer()).as("replicas").isGreaterThanOrEqualTo(2);
        assertThat(cliArguments(container)).containsExactly("serve");
        assertThat(container.get("readinessProbe").get("httpGet").get("path").text())
                .isEqualTo("/actuator/health/readiness");
        assertThat(container.get("livenessProbe").get("httpGet").get("path").text())
                .isEqualTo("/actuator/health/liveness");
        String port = container.get("ports").items().get(0).get("name").text();
        assertThat(container.get("readinessProbe").get("httpGet").get("port").text()).isEqualTo(port);
        assertThat(container.get("livenessProbe").get("httpGet").get("port").text()).isEqualTo(port);
        int preStop = container.get("lifecycle").get("preStop").get("sleep").get("seconds").integer();
        // the JVM's graceful shutdown (spring.lifecycle.timeout-per-shutdown-phase, 20 s) after preStop
        assertThat(serve.podSpec().get("terminationGracePeriodSeconds").integer()).isGreaterThan(preStop + 20);
        assertThat(serve.jobSpec().get("selector").get("matchLabels").get("app.kubernetes.io/component").text())
                .isEqualTo(serve.jobSpec().get("template").get("metadata").get("labels")
                        .get("app.kubernetes.io/component").text());
    }

    @Test
    void theServiceAddressesTheServePodsAndTheIngressExposesThePublicPathsButNotTheActuator() {
        Node service = manifests.stream().filter(m -> m.kind().equals("Service")).map(Manifest::doc).findFirst()
                .orElseThrow(() -> new AssertionError("no Service of crm-sync serve"));
        Node ingress = manifests.stream().filter(m -> m.kind().equals("Ingress")).map(Manifest::doc).findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress example"));
        Workload serve = workloads().stream().filter(w -> w.manifest().kind().equals("Deployment")).findFirst()
                .orElseThrow();
        Node podLabels = serve.jobSpec().get("template").get("metadata").get("labels");

        assertThat(service.get("spec").get("selector").keys()).isNotEmpty().allSatisfy(key ->
                assertThat(service.get("spec").get("selector").get(key).text()).isEqualTo(podLabels.get(key).text()));
        assertThat(service.get("spec").get("ports").items().get(0).get("targetPort").text()).isEqualTo("http");
        List<Node> paths = ingress.get("spec").get("rules").items().stream()
                .flatMap(rule -> rule.get("http").get("paths").items().stream()).toList();
        assertThat(paths.stream().map(path -> path.get("path").text()))
                .containsExactlyInAnyOrder("/webhooks/", "/oauth/callback/", "/api/v1/", "/console", "/webjars/");
        assertThat(paths).allSatisfy(path -> {
            assertThat(path.get("backend").get("service").get("name").text())
                    .isEqualTo(service.get("metadata").get("name").text());
        });
    }

    // ----------------------------------------------------------------------------------------------- the command lines

    @Test
    void everyContainerCommandLineIsOneTheCliAccepts() {
        assertThat(containers()).isNotEmpty().allSatisfy(c -> assertThatCode(() -> parseWithTheCli(cliArguments(c)))
                .as("%s: %s", c.where(), cliArguments(c)).doesNotThrowAnyException());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run lead-score",
            "--debug --data-dir /tmp/pg run contact-sync --tenant t1 --tenant t2 --concurrency 8",
            "run engagement-sync --shard 3/4 --as-of 2026-11-01T00:00:00Z",
            "backfill --connection 42",
            "backfill --connection 42 --direction inbound",
            "restart 17",
            "restart --all-failed --force"})
    void theCommandLineCheckAcceptsWhatTheCliAccepts(String commandLine) {
        assertThatCode(() -> parseWithTheCli(words(commandLine))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "run no-such-job",
            "run",
            "run lead-score --shard 1",
            "run lead-score --concurrency many",
            "run lead-score --as-of yesterday",
            "backfill --connection abc",
            "backfill --direction both",
            "backfill --connection 1 --direction sideways",
            "restart",
            "restart 17 --all-failed",
            "frobnicate",
            "--debug",
            "--help",
            "run lead-score --no-such-option"})
    void theCommandLineCheckRejectsWhatTheCliRejects(String commandLine) {
        assertThatThrownBy(() -> parseWithTheCli(words(commandLine))).isInstanceOf(ParameterException.class);
    }

    /** The real CLI's grammar (the commands the manifests may run), with the same enum leniency as its entry point. */
    private static CommandLine acceptedCommandLine() {
        return new CommandLine(new com.penguinmails.crmsync.cli.CrmSyncCommand(java.util.Map.of()))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Parses {@code args} as the CLI would and fails, with a {@link ParameterException}, on what the CLI would refuse
     * before running anything: bad syntax, no command, a help request, a {@code run} of an unknown job.
     */
    private void parseWithTheCli(List<String> args) {
        CommandLine commandLine = cli;
        ParseResult result = commandLine.parseArgs(args.toArray(String[]::new));
        if (!result.hasSubcommand()) {
            throw new ParameterException(commandLine, "no command in " + args);
        }
        ParseResult command = result.subcommand();
        if (result.isUsageHelpRequested() || result.isVersionHelpRequested() || command.isUsageHelpRequested()
                || command.isVersionHelpRequested()) {
            throw new ParameterException(commandLine, "a help request runs nothing: " + args);
        }
        // Checked again outside the grammar on purpose: the real command takes JOB, --shard and --as-of as strings and
        // refuses bad ones only when it runs, so these checks keep holding once acceptedCommandLine() is the real one.
        if (command.commandSpec().name().equals("run")) {
            CommandLine run = command.commandSpec().commandLine();
            String job = command.matchedPositionalValue(0, "");
            if (!JOBS.contains(job)) {
                throw new ParameterException(run, "unknown job '" + job + "'");
            }
            for (String shard : rawValues(command, "--shard")) {
                if (!shard.matches("\\d+/\\d+")) {
                    throw new ParameterException(run, "shard '" + shard + "' is not of the form I/N");
                }
            }
            for (String asOf : rawValues(command, "--as-of")) {
                try {
                    Instant.parse(asOf);
                } catch (DateTimeParseException e) {
                    throw new ParameterException(run, "--as-of '" + asOf + "' is not an ISO-8601 instant");
                }
            }
        }
    }

    private static List<String> rawValues(ParseResult command, String option) {
        OptionSpec matched = command.matchedOption(option);
        return matched == null ? List.of() : matched.originalStringValues();
    }

    /** The CLI's arguments of a container: its {@code args}, after the entrypoint if it spells out a command. */
    private static List<String> cliArguments(Node container) {
        List<String> args = container.get("args").strings();
        if (!container.get("command").exists()) {
            return args;
        }
        List<String> full = new ArrayList<>(container.get("command").strings());
        full.addAll(args);
        int jar = full.indexOf(ENTRYPOINT.get(2));
        assertThat(jar).as("%s runs %s", container.where(), ENTRYPOINT).isPositive();
        assertThat(full.get(0)).as("%s command", container.where()).isEqualTo(ENTRYPOINT.get(0));
        assertThat(full.get(jar - 1)).as("%s command", container.where()).isEqualTo(ENTRYPOINT.get(1));
        return full.subList(jar + 1, full.size());
    }

    private static List<String> words(String commandLine) {
        return Arrays.asList(commandLine.trim().split("\\s+"));
    }

    // ------------------------------------------------------------------------------------------------ cron schedules

    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final Pattern CRON_ITEM = Pattern.compile("(\\*|\\?|(\\w+)(?:-(\\w+))?)(?:/(\\d+))?");

    /** Whether {@code schedule} is a standard five-field cron expression, each value within its field's range. */
    private static boolean isValidSchedule(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        return fields.length == 5
                && isValidCronField(fields[0], 0, 59, List.of(), 0, false)
                && isValidCronField(fields[1], 0, 23, List.of(), 0, false)
                && isValidCronField(fields[2], 1, 31, List.of(), 0, true)
                && isValidCronField(fields[3], 1, 12, MONTHS, 1, false)
                && isValidCronField(fields[4], 0, 7, DAYS, 0, true);
    }

    private static boolean isValidCronField(String field, int min, int max, List<String> names, int firstName,
            boolean questionMark) {
        for (String item : field.split(",", -1)) {
            Matcher m = CRON_ITEM.matcher(item);
            if (!m.matches() || (item.startsWith("?") && !questionMark)) {
                return false;
            }
            if (m.group(4) != null && Integer.parseInt(m.group(4)) < 1) {
                return false;
            }
            if (m.group(2) != null) {
                int from = cronValue(m.group(2), names, firstName);
                int to = m.group(3) == null ? from : cronValue(m.group(3), names, firstName);
                if (from < min || to > max || from > to) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int cronValue(String value, List<String> names, int firstName) {
        if (value.matches("\\d{1,2}")) {
            return Integer.parseInt(value);
        }
        int named = names.indexOf(value.toUpperCase(Locale.ROOT));
        return named < 0 ? -1 : named + firstName;
    }

    // ------------------------------------------------------------------------------------------ reading the manifests

    /** One YAML document of one file. */
    private record Manifest(String file, Node doc) {

        String kind() {
            return doc.get("kind").exists() ? doc.get("kind").text() : "";
        }

        @Override
        public String toString() {
            return doc.where();
        }
    }

    /** A Job, or the Job a CronJob makes, with the spec of that Job. */
    private record Workload(Manifest manifest, Node jobSpec) {

        String name() {
            Node metadata = manifest.doc().get("metadata");
            return metadata.get("name").exists() ? metadata.get("name").text() : metadata.get("generateName").text();
        }

        Node podSpec() {
            return jobSpec.get("template").get("spec");
        }

        List<Node> containers() {
            List<Node> all = new ArrayList<>(podSpec().get("initContainers").items());
            all.addAll(podSpec().get("containers").items());
            return all;
        }

        Node volume(String name) {
            return podSpec().get("volumes").items().stream().filter(v -> v.get("name").text().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError(this + ": no volume " + name));
        }

        @Override
        public String toString() {
            return manifest.kind() + " " + name() + " (" + manifest.file() + ")";
        }
    }

    /** A YAML value and where it was found, for messages that point at the offending line of thought. */
    private record Node(@Nullable Object value, String where) {

        boolean exists() {
            return value != null;
        }

        Node get(String key) {
            return new Node(value instanceof Map<?, ?> map ? map.get(key) : null, where + "." + key);
        }

        List<Node> items() {
            if (value == null) {
                return List.of();
            }
            assertThat(value).as(where).isInstanceOf(List.class);
            List<?> list = (List<?>) value;
            List<Node> nodes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                nodes.add(new Node(list.get(i), where + "[" + i + "]"));
            }
            return nodes;
        }

        List<String> keys() {
            if (value == null) {
                return List.of();
            }
            assertThat(value).as(where).isInstanceOf(Map.class);
            return ((Map<?, ?>) value).keySet().stream().map(String::valueOf).toList();
        }

        String text() {
            assertThat(value).as(where).isInstanceOf(String.class);
            return (String) value;
        }

        List<String> strings() {
            return items().stream().map(Node::text).toList();
        }

        int integer() {
            assertThat(value).as(where).isInstanceOf(Integer.class);
            return (Integer) value;
        }

        boolean bool() {
            assertThat(value).as(where).isInstanceOf(Boolean.class);
            return (Boolean) value;
        }
    }

    private static Node loadKustomization() {
        List<Node> docs = parse(BASE.resolve("kustomization.yaml"));
        assertThat(docs).as("kustomization.yaml").hasSize(1);
        return docs.get(0);
    }

    private static List<Manifest> loadManifests() {
        List<Manifest> all = new ArrayList<>();
        for (String file : manifestFiles()) {
            for (Node doc : parse(BASE.resolve(file))) {
                all.add(new Manifest(file, doc));
            }
        }
        return all;
    }

    /** The Kubernetes manifests of the base: every YAML file in it but the kustomization itself. */
    private static List<String> manifestFiles() {
        try (Stream<Path> files = Files.list(BASE)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals("kustomization.yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + BASE, e);
        }
    }

    private static List<Node> parse(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Node> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            int index = 0;
            for (Object doc : yaml.loadAll(reader)) {
                if (doc != null) {
                    assertThat(doc).as("%s document %d", file.getFileName(), index).isInstanceOf(Map.class);
                    docs.add(new Node(doc, file.getFileName() + "#" + index));
                }
                index++;
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
        return docs;
    }

    private List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Manifest m : manifests) {
            switch (m.kind()) {
                case "CronJob" -> workloads.add(new Workload(m, m.doc().get("spec").get("jobTemplate").get("spec")));
                case "Job" -> workloads.add(new Workload(m, m.doc().get("spec")));
                // a Deployment's spec has a pod template like a Job's: its containers are checked the same way
                case "Deployment" -> workloads.add(new Workload(m, m.doc().get("spec")));
                default -> { }
            }
        }
        return workloads;
    }

    private List<Workload> scheduled() {
        return workloads().stream().filter(w -> w.manifest().kind().equals("CronJob")).toList();
    }

    private List<Workload> templates() {
        return workloads().stream().filter(w -> OPERATOR_TEMPLATES.contains(w.manifest().file())).toList();
    }

    private List<Node> containers() {
        return workloads().stream().flatMap(w -> w.containers().stream()).toList();
    }

    private List<Node> configMaps() {
        return manifests.stream().filter(m -> m.kind().equals("ConfigMap")).map(Manifest::doc).toList();
    }

    private Map<String, String> kustomizationLabels() {
        Map<String, String> labels = new HashMap<>();
        Node common = kustomization.get("commonLabels");
        for (String key : common.keys()) {
            labels.put(key, common.get(key).text());
        }
        for (Node entry : kustomization.get("labels").items()) {
            Node pairs = entry.get("pairs");
            for (String key : pairs.keys()) {
                labels.put(key, pairs.get(key).text());
            }
        }
        return labels;
    }

    /** The shard count a container sees: its own env entry if any (env wins over envFrom), else the ConfigMap's. */
    private int shardCount(Node container) {
        for (Node env : container.get("env").items()) {
            if (env.get("name").text().equals(SHARD_COUNT)) {
                return Integer.parseInt(env.get("value").text());
            }
        }
        Node config = configMaps().stream()
                .filter(cm -> cm.get("metadata").get("name").text().equals(CONFIG_MAP)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + CONFIG_MAP));
        return Integer.parseInt(config.get("data").get(SHARD_COUNT).text());
    }

    private static Node env(Node container, String name) {
        return container.get("env").items().stream().filter(e -> e.get("name").text().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.where() + ": no env " + name));
    }

    /** {@code secret/key} of a required secretKeyRef env entry. */
    private static String secretKeyRef(Node container, String name) {
        Node ref = env(container, name).get("valueFrom").get("secretKeyRef");
        if (ref.get("optional").exists() && ref.get("optional").bool()) {
            fail("%s: %s must not be optional", container.where(), name);
        }
        return ref.get("name").text() + "/" + ref.get("key").text();
    }

    private static String mountNamed(Node container, String mountPath) {
        return container.get("volumeMounts").items().stream()
                .filter(m -> m.get("mountPath").text().equals(mountPath)).map(m -> m.get("name").text())
                .findFirst().orElseThrow(() -> new AssertionError(container.where() + ": nothing at " + mountPath));
    }

    private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?");

    /** A Kubernetes resource quantity (e.g. {@code 250m}, {@code 2}, {@code 768Mi}) in base units. */
    private static BigDecimal quantity(String text) {
        Matcher m = QUANTITY.matcher(text);
        assertThat(m.matches()).as("quantity '%s'", text).isTrue();
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        long scale = switch (suffix) {
            case "" -> 1;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            default -> 0;
        };
        return suffix.equals("m") ? number.movePointLeft(3) : number.multiply(BigDecimal.valueOf(scale));
    }
}
