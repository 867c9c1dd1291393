package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The routing decisions themselves, on a clock the test moves: no waiting, no threads. */
class RouterTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private Router router = router(RoutingProperties.Strategy.SKILL_THEN_LONGEST_IDLE, (a, b) -> false);
    private long versions;
    private final List<RoutingConfig.Group> groups = new ArrayList<>();
    private final List<RoutingConfig.Post> posts = new ArrayList<>();

    /** How an agent can be when a call for their post arrives. */
    enum Situation {
        READY("ready"), PAUSED_MEAL("paused: meal"), ON_A_CALL("on a call"), LOGGED_OUT("logged out"),
        UNREACHABLE("unreachable");

        final String words;

        Situation(String words) {
            this.words = words;
        }
    }

    static Stream<Arguments> everyCombinationOfAAndB() {
        List<Arguments> combinations = new ArrayList<>();
        for (Situation a : Situation.values()) {
            for (Situation b : Situation.values()) {
                combinations.add(Arguments.of(a, b));
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest(name = "A {0}, B {1}")
    @MethodSource("everyCombinationOfAAndB")
    void aPostGoesToAThenBThenTheGroup(Situation a, Situation b) {
        putGroup(group("pension"));
        agent("A1", a, Map.of("pension", 2), T0.minusSeconds(10));
        agent("B1", b, Map.of("pension", 2), T0.minusSeconds(20));
        agent("G1", Situation.READY, Map.of("pension", 1), T0.minusSeconds(30));
        putPost(new RoutingConfig.Post("desk-3", "养老 3号岗", "pension", "A1", "B1"));

        Router.Assignment assignment = router.arrive(caller("c1", "pension", "desk-3", 0, T0), T0).orElseThrow();

        if (a == Situation.READY) {
            assertThat(assignment).isEqualTo(new Router.Assignment("c1", "A1", ChosenBy.POST_A, "A ready"));
        } else if (b == Situation.READY) {
            assertThat(assignment).isEqualTo(new Router.Assignment("c1", "B1", ChosenBy.POST_B,
                    "B covering A (A " + a.words + ")"));
        } else {
            assertThat(assignment).isEqualTo(new Router.Assignment("c1", "G1", ChosenBy.GROUP,
                    "group pension (A " + a.words + ", B " + b.words + ")"));
        }
    }

    @Test
    void aCallerForAPostWhoseAgentsAreBusyIsTakenByAWhenAComesBackFirst() {
        putGroup(group("pension"));
        agent("A1", Situation.PAUSED_MEAL, Map.of("pension", 2), T0);
        agent("B1", Situation.ON_A_CALL, Map.of("pension", 2), T0);
        putPost(new RoutingConfig.Post("desk-3", "养老 3号岗", "pension", "A1", "B1"));
        assertThat(router.arrive(caller("c1", "pension", "desk-3", 0, T0), T0)).isEmpty();

        agent("A1", Situation.READY, Map.of("pension", 2), T0.plusSeconds(5));

        assertThat(router.agentAvailable("A1"))
                .contains(new Router.Assignment("c1", "A1", ChosenBy.POST_A, "A ready"));
    }

    @Test
    void aRepeatCallerGoesToTheirFirstAskerAgentBeforeTheirPost() {
        putGroup(group("pension"));
        agent("A1", Situation.READY, Map.of("pension", 3), T0);
        agent("F1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(50));
        putPost(new RoutingConfig.Post("desk-3", "养老 3号岗", "pension", "A1", null));

        assertThat(router.arrive(firstAsker("c1", "F1", T0), T0)).contains(new Router.Assignment("c1", "F1",
                ChosenBy.FIRST_ASKER, "first-asker: talked to this caller last"));
        // without a first-asker agent, the same call would have gone to the post's A
        assertThat(router.arrive(caller("c2", "pension", "desk-3", 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("A1");
    }

    @Test
    void aRepeatCallerWaitsBrieflyForTheirFirstAskerAgentWhoBecomesReady() {
        putGroup(group("pension"));
        agent("F1", Situation.PAUSED_MEAL, Map.of("pension", 1), T0);
        agent("G1", Situation.READY, Map.of("pension", 3), T0);

        assertThat(router.arrive(firstAsker("c1", "F1", T0), T0)).isEmpty();
        assertThat(router.tick(T0.plusSeconds(5))).isEmpty();
        agent("F1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(6));

        assertThat(router.agentAvailable("F1")).contains(new Router.Assignment("c1", "F1", ChosenBy.FIRST_ASKER,
                "first-asker: talked to this caller last"));
    }

    @Test
    void aRepeatCallerWhoseFirstAskerAgentStaysAwayGoesToTheGroupAfterTheShortWait() {
        putGroup(group("pension"));
        agent("F1", Situation.PAUSED_MEAL, Map.of("pension", 1), T0);
        agent("G1", Situation.READY, Map.of("pension", 3), T0);

        assertThat(router.arrive(firstAsker("c1", "F1", T0), T0)).isEmpty();
        assertThat(router.agentAvailable("G1")).isEmpty();

        assertThat(router.tick(T0.plusSeconds(10))).containsExactly(
                new Router.Assignment("c1", "G1", ChosenBy.GROUP, "group pension"));
    }

    @Test
    void aFirstAskerAgentWhoLoggedOutIsNotWaitedFor() {
        putGroup(group("pension"));
        agent("F1", Situation.LOGGED_OUT, Map.of("pension", 1), T0);
        agent("G1", Situation.READY, Map.of("pension", 3), T0);

        assertThat(router.arrive(firstAsker("c1", "F1", T0), T0)).map(Router.Assignment::workNumber).contains("G1");
    }

    @Test
    void aGreenChannelCallerJumpsAheadOfNormalCallersWhoWaitedLessThanTheHeadStart() {
        putGroup(group("pension"));
        agent("G1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        router.arrive(caller("normal", "pension", null, 0, T0), T0);
        router.arrive(caller("green", "pension", null, 1, T0.plusSeconds(59)), T0.plusSeconds(59));
        assertThat(router.position("green")).isEqualTo(1);
        assertThat(router.position("normal")).isEqualTo(2);

        agent("G1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(60));

        assertThat(router.agentAvailable("G1")).map(Router.Assignment::callId).contains("green");
    }

    @Test
    void theStarvationGuardKeepsANormalCallerWhoWaitedLongerThanTheHeadStartAhead() {
        putGroup(group("pension"));
        agent("G1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        router.arrive(caller("normal", "pension", null, 0, T0), T0);
        router.arrive(caller("green", "pension", null, 1, T0.plusSeconds(61)), T0.plusSeconds(61));
        // priorities above the maximum (3) count as 3: 3 minutes of head start at most
        router.arrive(caller("greenest", "pension", null, 99, T0.plusSeconds(181)), T0.plusSeconds(181));

        agent("G1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(200));

        assertThat(router.agentAvailable("G1")).map(Router.Assignment::callId).contains("normal");
        assertThat(router.position("green")).isEqualTo(1);
        assertThat(router.position("greenest")).isEqualTo(2);
    }

    @Test
    void aCallerOverflowsToTheConfiguredGroupsOnlyAfterWaitingLongEnough() {
        putGroup(new RoutingConfig.Group("pension", "养老", Duration.ZERO, Duration.ofSeconds(90),
                List.of("general")));
        putGroup(group("general"));
        agent("P1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        assertThat(router.arrive(caller("c1", "pension", null, 0, T0), T0)).isEmpty();

        agent("Z1", Situation.READY, Map.of("general", 2), T0.plusSeconds(10));
        assertThat(router.agentAvailable("Z1")).isEmpty();
        assertThat(router.tick(T0.plusSeconds(89))).isEmpty();

        assertThat(router.tick(T0.plusSeconds(90))).containsExactly(
                new Router.Assignment("c1", "Z1", ChosenBy.OVERFLOW, "overflow from pension to general"));
    }

    @Test
    void anOverflowedCallerIsStillTakenByTheirOwnGroupFirstWhenBothAreReady() {
        putGroup(new RoutingConfig.Group("pension", "养老", Duration.ZERO, Duration.ofSeconds(90),
                List.of("general")));
        putGroup(group("general"));
        agent("P1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        router.arrive(caller("c1", "pension", null, 0, T0), T0);
        router.tick(T0.plusSeconds(90));

        agent("P1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(95));

        assertThat(router.agentAvailable("P1")).contains(new Router.Assignment("c1", "P1", ChosenBy.GROUP,
                "group pension"));
    }

    @Test
    void insideAGroupTheHighestSkillGoesFirstThenTheLongestIdle() {
        putGroup(group("pension"));
        agent("LOW-IDLE-LONG", Situation.READY, Map.of("pension", 1), T0.minusSeconds(600));
        agent("HIGH-IDLE-SHORT", Situation.READY, Map.of("pension", 3), T0.minusSeconds(5));
        agent("HIGH-IDLE-LONG", Situation.READY, Map.of("pension", 3), T0.minusSeconds(60));

        assertThat(router.arrive(caller("c1", "pension", null, 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("HIGH-IDLE-LONG");
        assertThat(router.arrive(caller("c2", "pension", null, 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("HIGH-IDLE-SHORT");
    }

    @Test
    void theLongestIdleStrategyIgnoresSkillLevels() {
        router = router(RoutingProperties.Strategy.LONGEST_IDLE, (a, b) -> false);
        putGroup(group("pension"));
        agent("LOW-IDLE-LONG", Situation.READY, Map.of("pension", 1), T0.minusSeconds(600));
        agent("HIGH-IDLE-SHORT", Situation.READY, Map.of("pension", 3), T0.minusSeconds(5));

        assertThat(router.arrive(caller("c1", "pension", null, 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("LOW-IDLE-LONG");
    }

    @Test
    void aCallerWhoseAgentDidNotAnswerKeepsTheirPlaceAtTheHead() {
        putGroup(group("pension"));
        agent("X1", Situation.READY, Map.of("pension", 1), T0);
        agent("Y1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        assertThat(router.arrive(caller("first", "pension", null, 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("X1");
        router.arrive(caller("second", "pension", null, 0, T0.plusSeconds(1)), T0.plusSeconds(1));

        agent("X1", Situation.PAUSED_MEAL, Map.of("pension", 1), T0.plusSeconds(16)); // ring-no-answer
        assertThat(router.requeue("first")).isEmpty();
        assertThat(router.position("first")).isEqualTo(1);
        agent("Y1", Situation.READY, Map.of("pension", 1), T0.plusSeconds(20));

        assertThat(router.agentAvailable("Y1")).map(Router.Assignment::callId).contains("first");
    }

    @Test
    void anAgentHeldForOneCallerIsNotChosenForAnother() {
        putGroup(group("pension"));
        agent("X1", Situation.READY, Map.of("pension", 1), T0);

        assertThat(router.arrive(caller("c1", "pension", null, 0, T0), T0)).isPresent();
        assertThat(router.arrive(caller("c2", "pension", null, 0, T0), T0)).isEmpty();
        assertThat(router.agentAvailable("X1")).isEmpty();
    }

    @Test
    void remoteSeatsTakeCallsFromAnotherNodeOnlyWhenThatNodeCanDialThem() {
        Router isolated = router(RoutingProperties.Strategy.SKILL_THEN_LONGEST_IDLE, (from, to) -> false);
        Router linked = router(RoutingProperties.Strategy.SKILL_THEN_LONGEST_IDLE, (from, to) -> to.equals("district"));
        for (Router each : List.of(isolated, linked)) {
            router = each;
            putGroup(group("pension"));
            router.putAgent(new AgentSnapshot("R1", "district", "PJSIP/3001", AgentState.READY, null, T0, true,
                    ++versions, Map.of("pension", 1)));
        }

        assertThat(isolated.arrive(caller("c1", "pension", null, 0, T0), T0)).isEmpty();
        assertThat(linked.arrive(caller("c1", "pension", null, 0, T0), T0)).map(Router.Assignment::workNumber)
                .contains("R1");
    }

    @Test
    void theWaitEstimateSharesTheCallersAheadAmongTheAgentsServingTheGroup() {
        putGroup(group("pension"));
        agent("X1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        agent("Y1", Situation.ON_A_CALL, Map.of("pension", 1), T0);
        agent("Z1", Situation.PAUSED_MEAL, Map.of("pension", 1), T0);
        for (int i = 1; i <= 5; i++) {
            router.arrive(caller("c" + i, "pension", null, 0, T0.plusSeconds(i)), T0.plusSeconds(i));
        }

        // fifth in line, two agents serving (the paused one does not count): three rounds of 120 s
        assertThat(router.estimatedWait("c5", Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(360));
        assertThat(router.estimatedWait("c1", Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
    }

    private Router router(RoutingProperties.Strategy strategy, java.util.function.BiPredicate<String, String> nodes) {
        return new Router(strategy, Duration.ofSeconds(60), 3, nodes);
    }

    private void putGroup(RoutingConfig.Group group) {
        groups.add(group);
        router.configure(new RoutingConfig(groups, posts));
    }

    private void putPost(RoutingConfig.Post post) {
        posts.add(post);
        router.configure(new RoutingConfig(groups, posts));
    }

    private static RoutingConfig.Group group(String code) {
        return new RoutingConfig.Group(code, code, Duration.ZERO, null, List.of());
    }

    private void agent(String workNumber, Situation situation, Map<String, Integer> skills, Instant readySince) {
        AgentState state = switch (situation) {
            case READY -> AgentState.READY;
            case PAUSED_MEAL -> AgentState.PAUSED;
            case ON_A_CALL -> AgentState.ON_CALL;
            case LOGGED_OUT -> AgentState.LOGGED_OUT;
            case UNREACHABLE -> AgentState.READY;
        };
        router.putAgent(new AgentSnapshot(workNumber, "central", "PJSIP/" + workNumber, state,
                situation == Situation.PAUSED_MEAL ? PauseReason.MEAL : null, readySince,
                situation != Situation.UNREACHABLE, ++versions, skills));
    }

    private static QueuedCaller caller(String callId, String group, String post, int priority, Instant since) {
        return QueuedCaller.of(callId, "central", group, post, priority, since);
    }

    private static QueuedCaller firstAsker(String callId, String agent, Instant since) {
        return QueuedCaller.of(callId, "central", "pension", "desk-3", 0, since).firstAsker(agent, since.plusSeconds(10));
    }
}
