package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotline12333.ivr.ScriptProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classification tree as the centre edits it: the shipped file, and every mistake said with its line. */
class ClassificationFileTest {

    @TempDir
    Path dir;

    @Test
    void theShippedTreeIsTheHumanResourcesAndSocialSecurityBranchInThreeLevels() {
        ClassificationFile.Loaded loaded = ClassificationFile.read(Path.of("classification/12333.yaml"));

        assertThat(loaded.tree().branch()).isEqualTo("人力资源和社会保障");
        assertThat(loaded.tree().standard()).isEqualTo("GB/T 39666-2020");
        assertThat(loaded.tree().classes()).extracting(ClassificationTree.Node::name)
                .containsExactly("社会保险", "就业创业", "劳动关系", "人事人才", "热线与经办服务");
        List<Classification> all = loaded.classes();
        assertThat(all).filteredOn(c -> c.level() == Classification.Level.MEDIUM).extracting(Classification::name)
                .contains("养老保险", "医疗保险", "失业保险", "工伤保险", "生育保险", "社会保障卡", "就业服务", "劳动合同",
                        "工资支付", "劳动保障监察", "职称评审", "工作人员作风");
        assertThat(all).filteredOn(Classification::assignable).hasSizeGreaterThan(80)
                .allSatisfy(c -> assertThat(c.code()).matches("\\d{4}(?!00)\\d{2}"));
        Classification transfer = all.stream().filter(c -> c.code().equals("110103")).findFirst().orElseThrow();
        assertThat(transfer.path()).isEqualTo("社会保险 / 养老保险 / 养老保险关系转移接续");
        assertThat(transfer.parentCode()).isEqualTo("110100");
    }

    @Test
    void everyMistakeIsReportedAtOnceWithItsLine() throws IOException {
        Path file = write("""
                branch: 人力资源和社会保障
                classes:
                  - code: "110000"
                    name: 社会保险
                    classes:
                      - code: "110100"
                        name: 养老保险
                        classes:
                          - {code: "110101", name: 参保登记}
                          - {code: "110101", name: 又一个参保登记}
                          - {code: 110102, name: 没有引号}
                          - {code: "120103", name: 不在父类之下}
                          - {code: "110104"}
                          - {code: "110105", name: 有子类, classes: []}
                      - code: "110200"
                        name: 医疗保险
                        colour: red
                        classes:
                          - {code: "110201", name: 参保登记}
                  - code: "120100"
                    name: 不是大类
                    classes:
                      - code: "120101"
                        name: 小类放在中类的位置
                """);

        assertThatThrownBy(() -> ClassificationFile.read(file))
                .isInstanceOfSatisfying(ClassificationFile.InvalidFile.class, invalid -> {
                    assertThat(invalid.problems()).extracting(ScriptProblem::line, ScriptProblem::message).contains(
                            org.assertj.core.groups.Tuple.tuple(10, "code 110101 is used twice (first on line 9)"),
                            org.assertj.core.groups.Tuple.tuple(11, "code 110102 must be quoted (\"110102\"): YAML "
                                    + "reads unquoted digits as a number"),
                            org.assertj.core.groups.Tuple.tuple(12, "code 120103 does not fit here: a minor class "
                                    + "under 110100 is 1101PP (PP, MM not 00)"),
                            org.assertj.core.groups.Tuple.tuple(13, "class 110104 has no name"),
                            org.assertj.core.groups.Tuple.tuple(14, "minor class 110105 (有子类) is a minor class: "
                                    + "it has no classes under it"),
                            org.assertj.core.groups.Tuple.tuple(17, "unknown key 'colour' (known: classes, code, name)"),
                            org.assertj.core.groups.Tuple.tuple(20, "code 120100 does not fit here: a major class is "
                                    + "NN0000 (PP, MM not 00)"));
                    assertThat(invalid.getMessage()).contains(file.toAbsolutePath().toString())
                            .contains("tree.yaml:10: code 110101 is used twice (first on line 9)");
                });
    }

    @Test
    void aFileThatIsNotYamlOrHasNoClassesIsRefused() throws IOException {
        assertThatThrownBy(() -> ClassificationFile.read(write("branch: x\nclasses: [\n")))
                .isInstanceOf(ClassificationFile.InvalidFile.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ClassificationFile.read(write("branch: 人社\n")))
                .hasMessageContaining("tree.yaml:1: the file needs 'classes': a list of major classes");
        assertThatThrownBy(() -> ClassificationFile.read(dir.resolve("missing.yaml")))
                .hasMessageContaining("no such file (hotline.cases.classification-file)");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("tree.yaml"), yaml);
    }
}
