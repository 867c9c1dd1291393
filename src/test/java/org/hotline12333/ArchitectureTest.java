package org.hotline12333;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rules of the code's shape, checked on every build. */
class ArchitectureTest {

    /** Imported once for the class: JUnit makes an instance per test, and an import takes seconds. */
    private static final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.hotline12333");

    @Test
    void featuresOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules modules = ApplicationModules.of(HotlineApplication.class);
        modules.verify();
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }

    @Test
    void onlyTheTelephonyEdgeKnowsAsteriskJava() {
        noClasses().that().resideOutsideOfPackage("org.hotline12333.telephony..")
                .should().dependOnClassesThat().resideInAPackage("org.asteriskjava..")
                .because("the domain talks to Asterisk only through CallChannel and PbxActions")
                .check(production);
    }

    @Test
    void onlyTheSmsGatewayKnowsJsmpp() {
        noClasses().that().resideOutsideOfPackage("org.hotline12333.outreach")
                .should().dependOnClassesThat().resideInAPackage("org.jsmpp..")
                .because("the outbox talks to the SMS gateway only through SmsGateway")
                .check(production);
        noClasses().that().resideInAPackage("org.hotline12333.outreach")
                .and().doNotHaveSimpleName("SmppGateway").and().doNotHaveSimpleName("SmppReceiver")
                .should().dependOnClassesThat().resideInAPackage("org.jsmpp..")
                .because("SmppGateway and SmppReceiver are the SMPP edge")
                .check(production);
    }

    @Test
    void everyRestEndpointSaysWhichRoleMayCallIt() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .and().areAnnotatedWith(GetMapping.class).or().areAnnotatedWith(PostMapping.class)
                .or().areAnnotatedWith(PutMapping.class).or().areAnnotatedWith(PatchMapping.class)
                .or().areAnnotatedWith(DeleteMapping.class).or().areAnnotatedWith(RequestMapping.class)
                .should().beAnnotatedWith(PreAuthorize.class)
                .orShould().beDeclaredInClassesThat().areAnnotatedWith(PreAuthorize.class)
                .check(production);
    }
}
