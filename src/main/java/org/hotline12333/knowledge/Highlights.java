package org.hotline12333.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.NullFragmenter;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * The words of a query marked in an article's title and in the best passage of its answer, between {@code <mark>}
 * and {@code </mark>}. The text itself is not HTML-escaped: the page splits on the marks and writes the parts as
 * text, never as HTML.
 */
final class Highlights {

    private static final int SNIPPET_LENGTH = 90;

    private Highlights() {
    }

    static String title(Analyzer analyzer, Query query, String title) {
        Highlighter highlighter = highlighter(query, "title");
        highlighter.setTextFragmenter(new NullFragmenter());
        String marked = best(highlighter, analyzer, "title", title);
        return marked == null ? title : marked;
    }

    static String snippet(Analyzer analyzer, Query query, String answer) {
        QueryScorer scorer = new QueryScorer(query, "answer");
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, SNIPPET_LENGTH));
        String marked = best(highlighter, analyzer, "answer", answer);
        if (marked != null) {
            return marked.strip();
        }
        return answer.length() <= SNIPPET_LENGTH ? answer : answer.substring(0, SNIPPET_LENGTH) + "…";
    }

    private static Highlighter highlighter(Query query, String field) {
        return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new QueryScorer(query, field));
    }

    /** The best fragment, with marks around words next to each other merged (计 and 发 of 计发 marked as one). */
    private static String best(Highlighter highlighter, Analyzer analyzer, String field, String text) {
        try {
            String marked = highlighter.getBestFragment(analyzer, field, text);
            return marked == null ? null : marked.replace("</mark><mark>", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidTokenOffsetsException e) {
            return null;
        }
    }
}
