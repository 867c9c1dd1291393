package org.hotline12333.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.hotline12333.testkit.BenchResults;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The knowledge base's index with 2,000 articles of 12333 wording: how long a rebuild takes (what an approval or a new
 * day costs) and how long a search with highlights takes (what an agent waits for at each search).
 */
@Tag("benchmark")
class KnowledgeBenchmark {

    private static final String[] TOPICS = {"基本养老金计发", "养老保险关系转移接续", "异地就医备案", "医疗费用报销", "失业保险金申领",
        "工伤认定申请", "生育津贴", "就业失业登记", "解除劳动合同经济补偿", "拖欠工资投诉", "人事档案转递", "社保卡挂失补办", "职称评审",
        "创业担保贷款", "技能提升补贴", "稳岗返还", "劳动争议仲裁", "带薪年休假", "最低工资标准", "城乡居民养老保险"};
    private static final String[] PLACES = {"市本级", "城东区", "城西区", "南山区", "北湖区", "高新区", "经开区", "临港新区", "滨江区", "东湖区"};
    private static final String[] QUERIES = {"退休 养老金 计发", "异地就医怎么备案", "单位拖欠工资", "社保卡丢了", "失业金 领取条件",
        "工伤认定 时限", "档案 转递", "经济补偿 怎么算", "生育津贴 产假", "110301"};

    @Test
    void twoThousandArticles() throws Exception {
        List<KnowledgeIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String topic = TOPICS[i % TOPICS.length];
            String place = PLACES[(i / TOPICS.length) % PLACES.length];
            String answer = (place + topic + "的办理条件、流程和时限。参保人员符合条件的，可以到参保地社会保险经办机构申请，也可以通过电子社保卡"
                    + "或国家社会保险公共服务平台在线办理。经办机构自受理之日起按规定时限办结。").repeat(3);
            entries.add(new KnowledgeIndex.Entry(new ArticleVersion("a-" + i, 1, place + topic + "问答（" + i + "）", answer,
                    "《中华人民共和国社会保险法》", List.of(String.format("11%02d%02d", 1 + i % 7, 1 + i % 9)), List.of("pension"),
                    List.of("居民身份证", "社会保障卡"), LocalDate.of(2024, 1, 1), null, null, ArticleVersion.Status.APPROVED,
                    "seed", Instant.EPOCH, "seed", Instant.EPOCH, null), List.of(topic)));
        }
        try (KnowledgeIndex index = new KnowledgeIndex()) {
            long[] rebuilds = new long[5];
            for (int r = 0; r < rebuilds.length; r++) {
                long t0 = System.nanoTime();
                index.replaceAll(entries);
                rebuilds[r] = System.nanoTime() - t0;
            }
            for (int warm = 0; warm < 500; warm++) {
                search(index, QUERIES[warm % QUERIES.length]);
            }
            long[] searches = new long[2_000];
            for (int n = 0; n < searches.length; n++) {
                long t0 = System.nanoTime();
                search(index, QUERIES[n % QUERIES.length]);
                searches[n] = System.nanoTime() - t0;
            }
            Arrays.sort(rebuilds);
            Arrays.sort(searches);
            double rebuildMs = rebuilds[rebuilds.length / 2] / 1e6;
            double p50 = searches[searches.length / 2] / 1e6;
            double p99 = searches[(int) (searches.length * 0.99)] / 1e6;
            System.out.printf("knowledge: 2,000 articles rebuilt in %.1f ms (median of 5); search with highlights p50 "
                    + "%.2f ms, p99 %.2f ms%n", rebuildMs, p50, p99);
            BenchResults.record(Map.of("knowledge_rebuild_2000_ms", Math.round(rebuildMs * 10) / 10.0,
                    "knowledge_search_p50_ms", Math.round(p50 * 100) / 100.0,
                    "knowledge_search_p99_ms", Math.round(p99 * 100) / 100.0));
        }
    }

    /** As Knowledge.search does: ten hits, each with its title and snippet highlighted. */
    private static int search(KnowledgeIndex index, String text) {
        Query query = index.textQuery(text);
        int length = 0;
        for (KnowledgeIndex.Found found : index.search(query, 10)) {
            length += Highlights.title(index.analyzer(), query, found.title()).length();
            length += Highlights.snippet(index.analyzer(), query, found.answer()).length();
        }
        return length;
    }
}
