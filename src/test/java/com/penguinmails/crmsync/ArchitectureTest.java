package com.penguinmails.crmsync;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of ARCHITECTURE.md: {@code cli -> job -> {mapping, conflict, store, connector} -> core};
 * connectors are independent of each other, of jobs and of the store; {@code sandbox} and {@code connector} never
 * import each other, and no job depends on a sandbox; jobs do not import each other (what they share is in a shared
 * job package). Rules over packages that do not exist yet pass while empty.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "com.penguinmails.crmsync";

    @ArchTest
    static final ArchRule core_depends_on_no_other_project_package = noClasses()
            .that().resideInAPackage(ROOT + ".core..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are in another package of the project",
                    resideInAPackage(ROOT + "..").and(resideOutsideOfPackage(ROOT + ".core.."))));

    /** Merge decisions are plain logic over the domain and the field maps: no store, job, connector or CLI. */
    @ArchTest
    static final ArchRule conflict_depends_only_on_core_and_mapping = noClasses()
            .that().resideInAPackage(ROOT + ".conflict..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are in a project package other than conflict, "
                    + "core and mapping", resideInAPackage(ROOT + "..").and(resideOutsideOfPackages(
                    ROOT + ".conflict..", ROOT + ".core..", ROOT + ".mapping.."))));

    /** The monitor read model reads the store's tables: it knows no job, connector, service or CLI. */
    @ArchTest
    static final ArchRule monitor_depends_only_on_core_and_store = noClasses()
            .that().resideInAPackage(ROOT + ".monitor..")
            .should().dependOnClassesThat(DescribedPredicate.describe("are in a project package other than monitor, "
                    + "core and store", resideInAPackage(ROOT + "..").and(resideOutsideOfPackages(
                    ROOT + ".monitor..", ROOT + ".core..", ROOT + ".store.."))));

    @ArchTest
    static final ArchRule store_does_not_depend_on_jobs_cli_or_demo = noClasses()
            .that().resideInAPackage(ROOT + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".job..", ROOT + ".cli..", ROOT + ".demo..");

    @ArchTest
    static final ArchRule jobs_do_not_depend_on_cli_or_demo = noClasses()
            .that().resideInAPackage(ROOT + ".job..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..", ROOT + ".demo..");

    /** The application's main class hands the command line to the CLI: it is the one outside user of {@code cli}. */
    @ArchTest
    static final ArchRule nothing_but_cli_and_the_main_class_depends_on_cli = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".cli..")
            .and().doNotBelongToAnyOf(CrmSyncApplication.class)
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..");

    @ArchTest
    static final ArchRule connectors_do_not_depend_on_jobs_store_or_sandboxes = noClasses()
            .that().resideInAPackage(ROOT + ".connector..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".job..", ROOT + ".store..", ROOT + ".sandbox..")
            .allowEmptyShould(true);

    /**
     * What these layers need to know about a CRM is in {@code core} ({@code CrmDescription}, {@code CrmProviders}),
     * so they never reach for the connectors.
     */
    @ArchTest
    static final ArchRule store_credentials_and_mapping_do_not_depend_on_connectors = noClasses()
            .that().resideInAnyPackage(ROOT + ".store..", ROOT + ".credentials..", ROOT + ".mapping..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".connector..");

    /** Each CRM's connector stands alone; what they share lives in {@code connector.support}. */
    @ArchTest
    static final ArchRule no_connector_depends_on_another_connector = slices()
            .matching(ROOT + ".connector.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage(ROOT + ".connector.support.."))
            .allowEmptyShould(true);

    /**
     * A CRM vendor's own client library is used by that CRM's connector only: force-partner-api ({@code com.sforce})
     * by {@code connector.salesforce}. (HubSpot and Pipedrive are called over plain HTTP; opencsv is a CSV library
     * the Salesforce connector and sandbox both use, not a vendor's.) A new CRM with a vendor SDK adds its line.
     */
    @ArchTest
    static final ArchRule only_a_crms_connector_imports_its_vendors_types = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".connector.salesforce..")
            .should().dependOnClassesThat().resideInAPackage("com.sforce..");

    /**
     * Salesforce's Pub/Sub API (stubs generated into {@code com.salesforce.eventbus}, gRPC, Avro) is the Salesforce
     * connector's change stream and the Salesforce sandbox's server: no other package sees it.
     */
    @ArchTest
    static final ArchRule only_salesforce_code_uses_the_pub_sub_api = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".connector.salesforce..", ROOT + ".sandbox.salesforce..")
            .should().dependOnClassesThat().resideInAnyPackage("com.salesforce.eventbus..", "io.grpc..",
                    "org.apache.avro..");

    @ArchTest
    static final ArchRule sandboxes_do_not_depend_on_connectors = noClasses()
            .that().resideInAPackage(ROOT + ".sandbox..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".connector..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule jobs_do_not_depend_on_sandboxes = noClasses()
            .that().resideInAPackage(ROOT + ".job..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".sandbox..")
            .allowEmptyShould(true);

    /** The job packages every job may use: scaffolding ({@code job.support}) and the contact push two jobs share. */
    static final String[] SHARED_JOB_PACKAGES = {ROOT + ".job.support..", ROOT + ".job.contactpush.."};

    /** Each job stands alone: what two jobs share lives in a shared job package, which depends on no job. */
    @ArchTest
    static final ArchRule no_job_package_depends_on_another = slices()
            .matching(ROOT + ".job.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAnyPackage(SHARED_JOB_PACKAGES));

    /**
     * A job package shows only its configuration (job name, bean wiring), its properties and its real-time entry
     * point ({@code Realtime*}: what {@code crm-sync serve} calls to apply one connection's changes the job's way);
     * the rest is its own.
     */
    @ArchTest
    static final ArchRule job_packages_show_only_their_configuration_and_properties = classes()
            .that().resideInAPackage(ROOT + ".job..")
            .and().resideOutsideOfPackages(SHARED_JOB_PACKAGES)
            .and().areTopLevelClasses()
            .and().arePublic()
            .should().haveSimpleNameEndingWith("JobConfiguration")
            .orShould().haveSimpleNameEndingWith("Properties")
            .orShould().haveSimpleNameStartingWith("Realtime");
}
