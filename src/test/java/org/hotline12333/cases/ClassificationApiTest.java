package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The classification tree over HTTP, as the desk and the knowledge base read it: whole, searched, one class. */
@HotlineTest
class ClassificationApiTest {

    @Autowired
    ApplicationContext service;

    @Test
    void theTreeIsReadWholeSearchedByCodeOrNameAndOneClassAtATime() {
        CaseFixture fixture = new CaseFixture(service);
        Http agent = fixture.as(fixture.agent());

        JsonNode tree = agent.get("/api/classifications").json();
        assertThat(tree.path("branch").asString()).isEqualTo("人力资源和社会保障");
        JsonNode pension = tree.path("classes").get(0).path("classes").get(0);
        assertThat(pension.path("code").asString()).isEqualTo("110100");
        assertThat(pension.path("level").asString()).isEqualTo("MEDIUM");
        assertThat(pension.path("classes").get(0).path("name").asString()).isEqualTo("参保登记与缴费");

        assertThat(codes(agent.get("/api/classifications/search?q=1104").json()))
                .containsExactly("110400", "110401", "110402", "110403", "110404", "110405", "110499");
        assertThat(codes(agent.get("/api/classifications/search?q=110402").json())).containsExactly("110402");
        JsonNode byName = agent.get("/api/classifications/search?q=工伤&assignable=true").json();
        assertThat(codes(byName)).contains("110401", "110499").doesNotContain("110400");
        assertThat(byName.get(0).path("path").asString()).isEqualTo("社会保险 / 工伤保险 / 工伤认定");
        assertThat(agent.get("/api/classifications/search?q=保险&limit=3").json()).hasSize(3);
        assertThat(agent.get("/api/classifications/search?q=x&limit=0").status()).isEqualTo(400);

        JsonNode one = agent.get("/api/classifications/130201").json();
        assertThat(one.path("name").asString()).isEqualTo("拖欠克扣工资");
        assertThat(one.path("parentCode").asString()).isEqualTo("130200");
        assertThat(one.path("assignable").asBoolean()).isTrue();
        Http.Response missing = agent.get("/api/classifications/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).isEqualTo("no class 999999 in the classification tree");
        assertThat(Http.on(fixture.port).get("/api/classifications").status()).isEqualTo(401);
    }

    private static List<String> codes(JsonNode classes) {
        List<String> codes = new ArrayList<>();
        classes.forEach(c -> codes.add(c.path("code").asString()));
        return codes;
    }
}
