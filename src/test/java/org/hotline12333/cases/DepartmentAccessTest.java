package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * A department's user is not staff: every endpoint and page but the department's own refuses them, they see only
 * their department's cases, and never the caller of a confidential one.
 */
@HotlineTest
class DepartmentAccessTest {

    /** What a department's user may reach (SecurityConfig); everything else must answer 403. */
    static final List<String> THEIRS = List.of("/api/me", "/api/cases/department", "/api/classifications",
            "/department", "/login", "/error");
    private static final Pattern PAGE_CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @Autowired
    ApplicationContext service;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JdbcClient db;

    @Test
    void everyEndpointAndPageButTheDepartmentsOwnRefusesThem() {
        CaseFixture fixture = new CaseFixture(service);
        String username = CaseFixture.unique("access.");
        fixture.department("城东区人社局", username);
        Http api = fixture.departmentUser(username);
        PageSession page = PageSession.login(fixture.port, username, CaseFixture.PASSWORD);
        String departmentPage = page.request("GET", "/department", null).body();
        Matcher csrf = PAGE_CSRF.matcher(departmentPage);
        assertThat(csrf.find()).as(departmentPage).isTrue();

        List<String> reached = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (THEIRS.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String path = pattern.replaceAll("\\{[^}]+}", "x");
                    boolean get = method == RequestMethod.GET;
                    int status = path.startsWith("/api/") ? api.send(method.name(), path, get ? null : "{}").status()
                            : page.request(method.name(), path, get ? null : csrf.group(1)).statusCode();
                    tried.add(method + " " + pattern);
                    if (status != 403) {
                        reached.add(method + " " + pattern + " -> " + status);
                    }
                }
            }
        });

        assertThat(tried).hasSizeGreaterThan(60).contains("GET /api/calls", "POST /api/desk/wrap-up",
                "GET /supervision", "GET /api/cases/{number}", "POST /api/cases", "GET /api/recordings/{id}/audio");
        assertThat(reached).isEmpty();
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(api.get("/api/me").json().path("role").asString()).isEqualTo("DEPARTMENT");
        assertThat(api.get("/api/cases/department/inbox").status()).isEqualTo(200);
        assertThat(api.get("/api/classifications/search?q=养老").status()).isEqualTo(200);
        assertThat(page.request("GET", "/department/data/inbox", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aDepartmentNeitherSeesNorTouchesAnotherDepartmentsCase() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String ours = CaseFixture.unique("east.");
        String theirs = CaseFixture.unique("west.");
        String east = fixture.department("城东区人社局", ours);
        fixture.department("城西区人社局", theirs);
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = fixture.register(fixture.as(agent), "{\"kind\":\"HELP\",\"classification\":\"120103\","
                + "\"summary\":\"失业登记办理地点\",\"handOffTo\":\"" + east + "\"}").path("number").asString();
        Http west = fixture.departmentUser(theirs);
        String nobody = CaseFixture.unique("unassigned.");
        fixture.admin().post("/api/users", "{\"username\":\"" + nobody + "\",\"password\":\"" + CaseFixture.PASSWORD
                + "\",\"role\":\"DEPARTMENT\"}");

        List<Http.Response> tries = List.of(west.get("/api/cases/department/" + number),
                west.post("/api/cases/department/" + number + "/sign-for", ""),
                west.post("/api/cases/department/" + number + "/return", "{\"reason\":\"不是我们的\"}"),
                west.post("/api/cases/department/" + number + "/reply", "{\"text\":\"已办\"}"),
                west.post("/api/cases/department/" + number + "/notes", "{\"text\":\"看看\"}"),
                west.post("/api/cases/department/" + number + "/extension-request",
                        "{\"workingDays\":2,\"reason\":\"x\"}"));

        assertThat(tries).allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.json().path("detail").asString()).isEqualTo("no case " + number);
        });
        assertThat(CaseLifecycleTest.numbers(west.get("/api/cases/department/inbox").json().path("cases")))
                .doesNotContain(number);
        JsonNode mine = fixture.departmentUser(ours).get("/api/cases/department/" + number).json();
        assertThat(mine.path("state").asString()).as("untouched by the other department").isEqualTo("HANDED_OFF");
        assertThat(CaseLifecycleTest.actions(mine)).containsExactly("REGISTERED", "HANDED_OFF");
        Http.Response noDepartment = fixture.departmentUser(nobody).get("/api/cases/department/inbox");
        assertThat(noDepartment.status()).isEqualTo(403);
        assertThat(noDepartment.json().path("detail").asString()).contains("belongs to no department");
    }

    @Test
    void aConfidentialCaseNeverShowsItsCallerToTheDepartment() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String clerk = CaseFixture.unique("medical.");
        String department = fixture.department("市医疗保障事务中心", clerk);
        String caller = CaseFixture.callerNumber();
        fixture.answeredCall(agent.workNumber(), caller);
        String number = fixture.register(fixture.as(agent), """
                {"kind":"COMPLAINT","complaintAbout":"DEPARTMENT","classification":"110202","confidential":true,
                 "callerName":"李秀英","idNumber":"11010519491231002X","summary":"李秀英反映报销被拖延",
                 "details":"来电人李秀英（%s）称门诊报销三个月未到账，身份证11010519491231002X",
                 "handOffTo":"%s","instructions":"请联系李秀英"}""".formatted(caller, department))
                .path("number").asString();
        Http medical = fixture.departmentUser(clerk);
        medical.post("/api/cases/department/" + number + "/notes", "{\"text\":\"已致电" + caller + "未接通\"}");

        Http.Response inbox = medical.get("/api/cases/department/inbox");
        Http.Response view = medical.get("/api/cases/department/" + number);
        Http.Response signed = medical.post("/api/cases/department/" + number + "/sign-for", "");

        for (Http.Response response : List.of(inbox, view, signed)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains(number).doesNotContain(caller).doesNotContain("李秀英")
                    .doesNotContain("11010519491231002X").doesNotContain("110105********002X");
        }
        JsonNode shown = view.json();
        assertThat(shown.path("caller").path("hidden").asBoolean()).isTrue();
        assertThat(shown.path("summary").asString()).isEqualTo("（保密）反映报销被拖延");
        assertThat(shown.path("details").asString()).isEqualTo("来电人（保密）（（保密））称门诊报销三个月未到账，身份证（保密）");
        assertThat(shown.path("calls").isEmpty()).isTrue();
        JsonNode staff = fixture.as(agent).get("/api/cases/" + number).json();
        assertThat(staff.path("caller").path("number").asString()).isEqualTo(caller);
        assertThat(staff.path("caller").path("name").asString()).isEqualTo("李秀英");
        assertThat(staff.path("caller").path("idNumber").asString()).isEqualTo("110105********002X");
        assertThat(db.sql("SELECT id_number FROM hotline_case WHERE case_number = ?").param(number)
                .query(String.class).single()).as("the full ID number is never stored").isEqualTo("110105********002X");
    }
}
