package org.hotline12333.ivr;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Turns a script that passed the schema into the model the interpreter runs. */
final class ScriptBuilder {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;
    static final String DEFAULT_INVALID_PROMPT = "input-invalid";
    static final String GENERAL_GROUP = "general";

    private ScriptBuilder() {
    }

    /** Builds the script from its nodes, leaving out those named in {@code skip} (they failed the schema). */
    static IvrScript build(YamlDocument document, String version, Set<String> skip) {
        JsonNode root = document.root();
        Map<String, IvrScript.Node> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.path("nodes").properties()) {
            if (!skip.contains(entry.getKey())) {
                nodes.put(entry.getKey(), node(entry.getKey(), entry.getValue()));
            }
        }
        return new IvrScript(root.path("name").asString(), root.path("title").asString(""), document.file(), version,
                root.path("start").asString(), Map.copyOf(nodes));
    }

    private static IvrScript.Node node(String name, JsonNode node) {
        String kind = ScriptSchema.kindOf(node).orElseThrow();
        return switch (kind) {
            case "play" -> new IvrScript.Play(name, strings(node.path("play")), node.path("next").asString());
            case "menu" -> new IvrScript.Menu(name, strings(node.path("menu")), options(node.path("options")), retry(node));
            case "collect" -> collect(name, node);
            case "verify" -> new IvrScript.Verify(name, node.path("verify").path("id").asString(),
                    node.path("verify").path("pin").asString(), node.path("failed-prompt").asString(),
                    node.path("attempts").asInt(3), node.path("retry").asString(), node.path("next").asString(),
                    action(node.path("fallback")));
            case "query" -> new IvrScript.Query(name, node.path("query").asString(), sayItems(node.path("say")),
                    node.path("not-found-prompt").asString("query-not-found"), node.path("next").asString());
            case "say" -> new IvrScript.Say(name, sayItems(node.path("say")), node.path("next").asString());
            case "branch" -> new IvrScript.Branch(name, cases(node.path("branch")));
            case "transfer" -> new IvrScript.Transfer(name, action(node));
            case "callback" -> new IvrScript.Callback(name, node.path("callback").asString(), node.path("next").asString());
            case "set" -> new IvrScript.SetData(name, variables(node.path("set")), node.path("next").asString());
            case "hangup" -> new IvrScript.Hangup(name, strings(node.path("hangup")));
            default -> throw new IllegalArgumentException("unknown node kind " + kind);
        };
    }

    private static IvrScript.Collect collect(String name, JsonNode node) {
        InputKind kind = InputKind.of(node.path("collect").asString());
        int min = node.path("min-digits").asInt(kind.minDigits);
        int max = node.path("max-digits").asInt(kind.maxDigits);
        return new IvrScript.Collect(name, kind, node.path("prompt").asString(), node.path("into").asString(), min, max,
                node.path("next").asString(), retry(node));
    }

    private static IvrScript.Retry retry(JsonNode node) {
        Duration timeout = node.has("timeout") ? duration(node.path("timeout").asString()) : DEFAULT_TIMEOUT;
        IvrScript.Action fallback = node.has("fallback") ? action(node.path("fallback"))
                : IvrScript.Action.transferTo(GENERAL_GROUP);
        return new IvrScript.Retry(timeout, node.path("retries").asInt(DEFAULT_RETRIES),
                node.path("invalid-prompt").asString(DEFAULT_INVALID_PROMPT), fallback);
    }

    private static Map<Character, IvrScript.Action> options(JsonNode options) {
        Map<Character, IvrScript.Action> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            byKey.put(option.getKey().charAt(0), action(option.getValue()));
        }
        return byKey;
    }

    static IvrScript.Action action(JsonNode action) {
        return new IvrScript.Action(text(action, "goto"), text(action, "transfer"), text(action, "post"),
                action.has("hangup") ? strings(action.path("hangup")) : null, text(action, "prompt"),
                variables(action.path("set")), strings(action.path("say")), text(action, "label"));
    }

    private static List<IvrScript.Case> cases(JsonNode cases) {
        List<IvrScript.Case> list = new ArrayList<>();
        for (JsonNode item : cases) {
            list.add(new IvrScript.Case(item.has("when") ? condition(item.path("when")) : null,
                    item.path("goto").asString()));
        }
        return List.copyOf(list);
    }

    private static IvrScript.Condition condition(JsonNode when) {
        Set<DayOfWeek> days = new LinkedHashSet<>();
        for (JsonNode day : when.path("weekday")) {
            days.add(DayOfWeek.valueOf(day.asString().toUpperCase(Locale.ROOT)));
        }
        LocalTime from = null;
        LocalTime to = null;
        if (when.has("time")) {
            String[] range = when.path("time").asString().split("-");
            from = LocalTime.parse(range[0]);
            to = LocalTime.parse(range[1]);
        }
        return new IvrScript.Condition(text(when, "calendar"), Set.copyOf(days), from, to, text(when, "var"),
                text(when, "equals"));
    }

    private static List<IvrScript.SayItem> sayItems(JsonNode items) {
        List<IvrScript.SayItem> list = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.has("prompt")) {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.PROMPT, item.path("prompt").asString(), null));
            } else if (item.has("number")) {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.NUMBER, item.path("number").asString(), null));
            } else if (item.has("money")) {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.MONEY, item.path("money").asString(), null));
            } else if (item.has("date")) {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.DATE, item.path("date").asString(), null));
            } else if (item.has("digits")) {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.DIGITS, item.path("digits").asString(), null));
            } else {
                list.add(new IvrScript.SayItem(IvrScript.SayKind.PROMPT_OF, item.path("prompt-of").asString(),
                        item.path("prefix").asString()));
            }
        }
        return List.copyOf(list);
    }

    static Duration duration(String text) {
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        for (JsonNode item : array) {
            list.add(item.asString());
        }
        return List.copyOf(list);
    }

    private static Map<String, String> variables(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            map.put(entry.getKey(), entry.getValue().asString());
        }
        return Map.copyOf(map);
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asString() : null;
    }
}
