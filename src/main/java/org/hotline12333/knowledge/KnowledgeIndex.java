package org.hotline12333.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The Lucene index of the articles in force, in memory: rebuilt whole from the database (2,000 articles in about
 * 0.6 s, KnowledgeBenchmark), searched by many threads at once. Chinese text is split into words by Lucene's smartcn analyzer,
 * so "退休养老金怎么计发" finds 退休, 养老金, 计发 wherever they stand. A search ranks matches in the title and the
 * classification (its code or its name) above matches in the document list, the answer and, last, the policy basis.
 */
final class KnowledgeIndex implements AutoCloseable {

    /** One article to index: its version in force and the names of its classes. */
    record Entry(ArticleVersion version, List<String> classNames) {
    }

    /** Text fields and how much a match in each weighs. */
    static final Map<String, Float> WEIGHTS = Map.of("title", 5f, "classes", 3f, "documents", 1.5f, "answer", 1f,
            "basis", 0.5f);
    private static final float CODE_WEIGHT = 8f;
    private static final int MAX_TERMS = 32;
    private static final Pattern CODE = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    KnowledgeIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces everything indexed with these articles; searches see the old set or the new, never a mix. */
    synchronized void replaceAll(Collection<Entry> entries) {
        try {
            writer.deleteAll();
            for (Entry entry : entries) {
                writer.addDocument(document(entry));
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Entry entry) {
        ArticleVersion v = entry.version();
        Document doc = new Document();
        doc.add(new StringField("code", v.code(), Field.Store.YES));
        doc.add(new StoredField("version", v.version()));
        doc.add(new TextField("title", v.title(), Field.Store.YES));
        doc.add(new TextField("answer", v.answer(), Field.Store.YES));
        doc.add(new TextField("basis", v.basis(), Field.Store.NO));
        doc.add(new TextField("documents", String.join("\n", v.documents()), Field.Store.NO));
        doc.add(new TextField("classes", String.join(" ", entry.classNames()), Field.Store.NO));
        for (String code : v.classifications()) {
            doc.add(new StringField("codes", code, Field.Store.YES));
            doc.add(new StringField("medium", code.substring(0, Math.min(4, code.length())), Field.Store.NO));
        }
        for (String node : v.ivrNodes()) {
            doc.add(new StringField("ivr", node, Field.Store.YES));
        }
        return doc;
    }

    /** The words Lucene makes of the text, once each, at most 32. */
    List<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream("answer", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(terms);
    }

    /** A query for what an agent typed: every word in every text field (weighted), and any 6-digit class code. */
    Query textQuery(String text) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms(text)) {
            WEIGHTS.forEach((field, weight) -> query.add(new BoostQuery(new TermQuery(new Term(field, term)), weight),
                    BooleanClause.Occur.SHOULD));
        }
        Matcher codes = CODE.matcher(text);
        while (codes.find()) {
            query.add(new BoostQuery(new TermQuery(new Term("codes", codes.group())), CODE_WEIGHT),
                    BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    /**
     * A query for what the desk knows before the agent types: the IVR nodes the caller went through (the later, the
     * more specific, the more it weighs) and the classification chosen (its medium class counts a little too).
     */
    static Query contextQuery(List<String> ivrNodes, String classification) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int i = 0; i < ivrNodes.size(); i++) {
            query.add(exact("ivr", ivrNodes.get(i), 1 + i), BooleanClause.Occur.SHOULD);
        }
        if (classification != null && classification.length() == 6) {
            query.add(exact("codes", classification, 10 + ivrNodes.size()), BooleanClause.Occur.SHOULD);
            query.add(exact("medium", classification.substring(0, 4), 2), BooleanClause.Occur.SHOULD);
        }
        return query.build();
    }

    private static Query exact(String field, String value, float weight) {
        return new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(field, value))), weight);
    }

    /** A found document: its stored fields and score. */
    record Found(String code, int version, String title, String answer, List<String> codes, List<String> ivrNodes,
                 float score) {
    }

    List<Found> search(Query query, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                List<Found> found = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query, limit).scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc);
                    found.add(new Found(doc.get("code"), doc.getField("version").numericValue().intValue(),
                            doc.get("title"), doc.get("answer"), List.of(doc.getValues("codes")),
                            List.of(doc.getValues("ivr")), hit.score));
                }
                return found;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
