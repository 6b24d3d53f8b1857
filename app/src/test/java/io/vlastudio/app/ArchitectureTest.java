package io.vlastudio.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of DEVELOPERS.md, checked on the compiled classes of every module: only {@code app} uses
 * JavaFX, and no module reaches a module above it (dataset &lt; store, tokenizer &lt; training &lt; app).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.vlastudio");
    }

    @Test
    void everyModuleIsOnTheClasspathSoTheRulesAreNotVacuous() {
        for (String pkg : new String[] {"io.vlastudio.dataset", "io.vlastudio.store", "io.vlastudio.app"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void onlyTheAppModuleUsesJavaFx() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.vlastudio.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..");
        rule.check(classes);
    }

    @Test
    void datasetDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.vlastudio.dataset..").should().dependOnClassesThat()
                .resideInAnyPackage("io.vlastudio.store..", "io.vlastudio.tokenizer..", "io.vlastudio.training..",
                        "io.vlastudio.app..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void storeUsesOnlyDataset() {
        noClasses().that().resideInAPackage("io.vlastudio.store..").should().dependOnClassesThat()
                .resideInAnyPackage("io.vlastudio.tokenizer..", "io.vlastudio.training..", "io.vlastudio.app..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void storeUsesNothingButDatasetSqliteAndTheJdk() {
        // in particular not jHDF (files are read through dataset's API) and no JSON or migration library
        classes().that().resideInAPackage("io.vlastudio.store..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.vlastudio.dataset..", "io.vlastudio.store..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void tokenizerUsesOnlyDataset() {
        noClasses().that().resideInAPackage("io.vlastudio.tokenizer..").should().dependOnClassesThat()
                .resideInAnyPackage("io.vlastudio.store..", "io.vlastudio.training..", "io.vlastudio.app..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void trainingUsesOnlyDatasetStoreAndTokenizer() {
        // the WorldVLA export reads mixes, manifests and splits from the store (docs/architecture.md)
        noClasses().that().resideInAPackage("io.vlastudio.training..").should().dependOnClassesThat()
                .resideInAnyPackage("io.vlastudio.app..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void implementationPackagesStayBehindTheirModulesApi() {
        // the app talks to io.vlastudio.dataset, not to jHDF
        noClasses().that().resideInAPackage("io.vlastudio.app..").should().dependOnClassesThat()
                .resideInAnyPackage("io.jhdf..").check(classes);
    }
}
