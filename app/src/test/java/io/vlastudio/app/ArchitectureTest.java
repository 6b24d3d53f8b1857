package io.vlastudio.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The module rules of docs/architecture.md, checked on the compiled classes of every module: only {@code app} uses
 * JavaFX, no module reaches a module above it (dataset &lt; store, tokenizer &lt; training &lt; app), and app's
 * packages form no cycle. Every rule fails when it checks nothing (ArchUnit's default, never switched off here), and
 * {@link #everyModuleWithSourcesIsOnTheClasspath()} fails when a module's classes are missing, so no rule can pass
 * because the classes it should judge were never imported.
 */
class ArchitectureTest {

    /** module directory → its root package. */
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("dataset", "io.vlastudio.dataset");
        MODULES.put("store", "io.vlastudio.store");
        MODULES.put("tokenizer-preview", "io.vlastudio.tokenizer");
        MODULES.put("training-launcher", "io.vlastudio.training");
        MODULES.put("app", "io.vlastudio.app");
    }

    static final ArchRule ONLY_APP_USES_JAVAFX = noClasses().that().resideOutsideOfPackage("io.vlastudio.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..");

    static final ArchRule DATASET_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that()
            .resideInAPackage("io.vlastudio.dataset..").should().dependOnClassesThat()
            .resideInAnyPackage("io.vlastudio.store..", "io.vlastudio.tokenizer..", "io.vlastudio.training..",
                    "io.vlastudio.app..");

    static final ArchRule STORE_USES_ONLY_DATASET = noClasses().that().resideInAPackage("io.vlastudio.store..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.vlastudio.tokenizer..", "io.vlastudio.training..", "io.vlastudio.app..");

    // in particular not jHDF (files are read through dataset's API) and no migration library; JSON is Jackson
    static final ArchRule STORE_USES_NOTHING_BUT_DATASET_SQLITE_JACKSON_AND_THE_JDK = classes().that()
            .resideInAPackage("io.vlastudio.store..").should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.vlastudio.dataset..", "io.vlastudio.store..", "org.sqlite..",
                    "com.fasterxml.jackson..");

    // one JSON library: Jackson, never Gson (which DJL brings along) nor org.json
    static final ArchRule JSON_IS_JACKSON = noClasses().that().resideInAPackage("io.vlastudio..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.gson..", "org.json..");

    static final ArchRule TOKENIZER_USES_ONLY_DATASET = noClasses().that().resideInAPackage("io.vlastudio.tokenizer..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("io.vlastudio.store..", "io.vlastudio.training..", "io.vlastudio.app..");

    static final ArchRule TRAINING_STAYS_BELOW_APP = noClasses().that().resideInAPackage("io.vlastudio.training..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vlastudio.app..");

    // the app talks to io.vlastudio.dataset, not to jHDF
    static final ArchRule APP_STAYS_BEHIND_DATASETS_API = noClasses().that().resideInAPackage("io.vlastudio.app..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jhdf..");

    /** app's feature packages (browser, viewer, review, mix, ui, ...) depend on each other in one direction only. */
    static final ArchRule APP_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("io.vlastudio.app.(*)..")
            .should().beFreeOfCycles();

    /**
     * The root package is the composition root: {@link AppContext}, settings and paths are used by the feature
     * packages, and only {@link Main}, which nothing uses, reaches down into them. So the root takes part in no
     * cycle either.
     */
    static final ArchRule ONLY_MAIN_REACHES_FROM_THE_ROOT_INTO_THE_FEATURE_PACKAGES = noClasses().that()
            .resideInAPackage("io.vlastudio.app").and().doNotBelongToAnyOf(Main.class)
            .should().dependOnClassesThat().resideInAPackage("io.vlastudio.app.*..");

    static final ArchRule NOTHING_USES_MAIN = noClasses().that().doNotBelongToAnyOf(Main.class)
            .should().dependOnClassesThat().belongToAnyOf(Main.class);

    static final List<ArchRule> RULES = List.of(ONLY_APP_USES_JAVAFX, DATASET_DEPENDS_ON_NO_OTHER_MODULE,
            STORE_USES_ONLY_DATASET, STORE_USES_NOTHING_BUT_DATASET_SQLITE_JACKSON_AND_THE_JDK, TOKENIZER_USES_ONLY_DATASET,
            TRAINING_STAYS_BELOW_APP, APP_STAYS_BEHIND_DATASETS_API, APP_PACKAGES_ARE_FREE_OF_CYCLES,
            ONLY_MAIN_REACHES_FROM_THE_ROOT_INTO_THE_FEATURE_PACKAGES, NOTHING_USES_MAIN, JSON_IS_JACKSON);

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vlastudio");
    }

    @Test
    void everyModuleWithSourcesIsOnTheClasspath() {
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            if (hasSources(module.getKey())) {
                assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(module.getValue())))
                        .as("classes of module %s (%s) imported", module.getKey(), module.getValue()).isTrue();
            }
        }
        // the modules every rule below is about are never empty
        assertThat(hasSources("dataset") && hasSources("store") && hasSources("tokenizer-preview")
                && hasSources("app")).isTrue();
    }

    @Test
    void everyRuleFailsWhenItChecksNothing() {
        JavaClasses nothing = new ClassFileImporter().importClasses(List.of());
        for (ArchRule rule : RULES) {
            assertThatThrownBy(() -> rule.check(nothing)).as(rule.getDescription()).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void theCycleRuleCatchesACycle() {
        // a rule that can not fail proves nothing: two classes of different packages that use each other
        JavaClasses cyclic = new ClassFileImporter().importClasses(
                io.vlastudio.app.archfixture.a.A.class, io.vlastudio.app.archfixture.b.B.class);
        assertThatThrownBy(() -> slices().matching("io.vlastudio.app.archfixture.(*)..").should().beFreeOfCycles()
                .check(cyclic)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void theRootRuleSeesTheFeaturePackages() {
        // Main does reach into cli, ui and tasks: the package pattern of the root rule must see that
        assertThatThrownBy(() -> noClasses().that().belongToAnyOf(Main.class).should().dependOnClassesThat()
                .resideInAPackage("io.vlastudio.app.*..").check(classes)).isInstanceOf(AssertionError.class);
    }

    @Test
    void onlyTheAppModuleUsesJavaFx() {
        ONLY_APP_USES_JAVAFX.check(classes);
    }

    @Test
    void datasetDependsOnNoOtherModule() {
        DATASET_DEPENDS_ON_NO_OTHER_MODULE.check(classes);
    }

    @Test
    void storeUsesOnlyDataset() {
        STORE_USES_ONLY_DATASET.check(classes);
    }

    @Test
    void storeUsesNothingButDatasetSqliteJacksonAndTheJdk() {
        STORE_USES_NOTHING_BUT_DATASET_SQLITE_JACKSON_AND_THE_JDK.check(classes);
    }

    @Test
    void jsonIsReadAndWrittenByJackson() {
        JSON_IS_JACKSON.check(classes);
    }

    @Test
    void tokenizerUsesOnlyDataset() {
        TOKENIZER_USES_ONLY_DATASET.check(classes);
    }

    @Test
    void trainingStaysBelowApp() {
        assumeTrue(hasSources("training-launcher"), "training-launcher has no classes yet: nothing to check");
        TRAINING_STAYS_BELOW_APP.check(classes);
    }

    @Test
    void implementationPackagesStayBehindTheirModulesApi() {
        APP_STAYS_BEHIND_DATASETS_API.check(classes);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        APP_PACKAGES_ARE_FREE_OF_CYCLES.check(classes);
    }

    @Test
    void onlyMainReachesFromTheRootIntoTheFeaturePackages() {
        ONLY_MAIN_REACHES_FROM_THE_ROOT_INTO_THE_FEATURE_PACKAGES.check(classes);
        NOTHING_USES_MAIN.check(classes);
    }

    /** Whether the module has main sources (the test runs in app/, the modules are its siblings). */
    private static boolean hasSources(String module) {
        Path dir = Path.of("..", module, "src", "main", "java");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
