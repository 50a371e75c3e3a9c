package dev.tollgate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names operators' files use: the expressions of the Prometheus alert rules and of the
 * Grafana dashboards, and the names a process exports in its Prometheus text.
 */
final class MetricNames {

    /** The repository's deploy/ folder, from the e2e-tests module (Maven runs tests in the module's folder). */
    static final Path DEPLOY = Path.of("..", "deploy");

    /** PromQL's words that look like names: aggregations, functions and operators. */
    private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk",
            "bottomk", "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "rate", "irate", "increase", "delta", "idelta", "deriv",
            "histogram_quantile", "absent", "absent_over_time", "max_over_time", "min_over_time", "avg_over_time",
            "sum_over_time", "count_over_time", "clamp_min", "clamp_max", "time", "vector", "scalar", "label_replace",
            "inf", "nan");

    private static final Pattern EXPR = Pattern.compile("^\\s*expr:\\s*(\\|)?\\s*(.*)$");
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private MetricNames() {
    }

    /** The metric names of one PromQL expression (label matchers, ranges, grouping clauses and strings left out). */
    static Set<String> inExpression(String expression) {
        String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = NAME.matcher(bare);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!KEYWORDS.contains(name.toLowerCase()) && !name.matches("\\d.*")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every expression of deploy/prometheus/alerts.yml (one-line or block {@code expr: |}). */
    static Set<String> inAlertRules() throws IOException {
        Set<String> names = new TreeSet<>();
        var lines = Files.readAllLines(DEPLOY.resolve("prometheus/alerts.yml"));
        for (int i = 0; i < lines.size(); i++) {
            Matcher expr = EXPR.matcher(lines.get(i));
            if (!expr.matches()) {
                continue;
            }
            StringBuilder expression = new StringBuilder(expr.group(2));
            if (expr.group(1) != null) {
                int indent = lines.get(i).indexOf("expr:");
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || lines.get(i + 1).indexOf(lines.get(i + 1).trim()) > indent)) {
                    expression.append(' ').append(lines.get(++i).trim());
                }
            }
            names.addAll(inExpression(expression.toString()));
        }
        return names;
    }

    /** Every query of every dashboard under deploy/grafana/dashboards (each file must parse as JSON). */
    static Set<String> inDashboards() throws IOException {
        Set<String> names = new TreeSet<>();
        try (var files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        names.addAll(inExpression(target.path("expr").asString()));
                    }
                }
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition ({@code _bucket}, {@code _count}, {@code _sum} included as written). */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
